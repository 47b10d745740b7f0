import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import type { Site } from './site.ts';

/** What a client sends as `altcha`: a challenge from the site, solved, as the ALTCHA widget encodes it. */
export async function solvedChallenge(site: Site, slug: string): Promise<string> {
  const res = await site.fetch(`/api/letters/${slug}/challenge`);
  if (res.status !== 200) throw new Error(`GET challenge answered ${res.status}`);
  const challenge = (await res.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('No solution found');
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}
