import { z } from 'zod';
import { anyLetter } from './letters.ts';
import type { Actor, Store } from './store.ts';
import { parseInput } from './validation.ts';

export const ModerationInput = z.strictObject({
  action: z.enum(['hide', 'unhide', 'notable', 'unnotable'], { error: 'Action is one of hide, unhide, notable, unnotable.' }),
  ids: z
    .array(z.number({ error: 'Ids are signature numbers.' }).int().positive(), { error: 'Give the signatures as a list of ids.' })
    .min(1, 'Choose at least one signature.')
    .max(1000, 'Act on at most 1,000 signatures at once.'),
});
export type ModerationInput = z.infer<typeof ModerationInput>;

/**
 * Hides, unhides or marks signatures of a letter as notable, many at once. Hiding takes a signature
 * out of the count and the public list in the same transaction; the audit log records the action.
 */
export async function moderate(store: Store, actor: Actor, slug: string, body: unknown, now: Date) {
  const letter = await anyLetter(store, slug);
  const { action, ids } = parseInput(ModerationInput, body);
  const changed = await store.moderate(letter.id, [...new Set(ids)], action, actor, now);
  return { action, changed };
}
