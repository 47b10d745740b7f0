import { ServiceError } from './errors.ts';
import type { Letter, Store } from './store.ts';

/** A letter the public may see: open or closed. Drafts are for organizers only. */
export async function publicLetter(store: Store, slug: string): Promise<Letter> {
  const letter = await store.letterBySlug(slug);
  if (!letter || letter.state === 'draft') {
    throw new ServiceError('not_found', 'There is no letter at this address.');
  }
  return letter;
}
