import type { LoadOptions } from './load.ts';
import { SLUG } from './seed.ts';

/** What a browser says it takes (Chrome's header): the letter page is then sent gzipped. */
export const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** Signs the sample letter as the `n`th distinct signer of a scenario. */
export const signing = (prefix: string) => (n: number) => ({
  path: `/api/letters/${SLUG}/signatures`,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: `${prefix} ${n}`, email: `${prefix.toLowerCase()}${n}@example.org`, listed: true }),
});

/** The viral mix of one connection: nine reads (page, count, badge in turn), then a signing. */
export function viralCycle(sign: NonNullable<LoadOptions['next']>): NonNullable<LoadOptions['cycle']> {
  const reads = [{ path: `/l/${SLUG}`, headers: BROWSER }, { path: `/api/letters/${SLUG}/count` }, { path: `/badge/${SLUG}.svg` }];
  return Array.from({ length: 10 }, (_, i) => (i === 9 ? { next: sign } : reads[i % 3]!));
}
