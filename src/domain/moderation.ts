import { z } from 'zod';
import { anyLetter } from './letters.ts';
import type { Actor } from './entities.ts';
import { ONE_LINE_MAX, oneLineText } from './one-line-text.ts';
import type { Store } from './store.ts';
import { parseInput } from './validation.ts';

const NOTE_NEEDED =
  'Say how the organizers verified this signatory (a work-email domain, a personal contact, a public statement with a link).';

export const ModerationInput = z
  .strictObject({
    action: z.enum(['hide', 'unhide', 'notable', 'unnotable'], { error: 'Action is one of hide, unhide, notable, unnotable.' }),
    ids: z
      .array(z.number({ error: 'Ids are signature numbers.' }).int().positive(), { error: 'Give the signatures as a list of ids.' })
      .min(1, 'Choose at least one signature.')
      .max(1000, 'Act on at most 1,000 signatures at once.'),
    /** The vetting note, shown publicly as "verified by the organizers: …"; needed to mark notable. */
    note: oneLineText({ label: 'The note', max: ONE_LINE_MAX.note, scripts: 'words' }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.action === 'notable' && !input.note) ctx.addIssue({ code: 'custom', path: ['note'], message: NOTE_NEEDED });
    if (input.action !== 'notable' && input.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'A note goes only with marking a signatory notable.' });
    }
  });
export type ModerationInput = z.infer<typeof ModerationInput>;

/**
 * Hides, unhides or marks signatures of a letter as notable, many at once. Hiding takes a signature
 * out of the count and the public list in the same transaction; the audit log records the action.
 * Nothing is notable without the organizers' note on how they verified it: a name that only claims
 * to be someone is never presented as that someone.
 */
export async function moderate(store: Store, actor: Actor, slug: string, body: unknown, now: Date) {
  const letter = await anyLetter(store, slug);
  const { action, ids, note } = parseInput(ModerationInput, body);
  const changed = await store.moderate(letter.id, [...new Set(ids)], { action, note: note ?? null }, actor, now);
  return { action, changed };
}
