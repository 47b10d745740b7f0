import { afterEach, describe, expect, it } from 'vitest';
import type { Letter } from '../../src/domain/entities.ts';
import { createCountHub, type CountHub } from '../../src/live/count-hub.ts';
import { perLetter } from '../../src/live/per-letter.ts';
import { waitFor } from '../support/wait.ts';

const letter: Letter = {
  id: 1,
  slug: 'l',
  title: 'A letter',
  body: 'Text',
  summary: null,
  organisedBy: null,
  addressee: null,
  publishedOn: null,
  lang: 'en',
  status: 'open',
  deadline: null,
  goal: null,
  closedAt: null,
  anonymiseAfterDays: null,
  formFields: {} as Letter['formFields'],
  listThresholds: [],
  listDelayHours: 24,
  proofOfWork: false,
  signatureCount: 0,
  listedCount: 0,
  countUpdatedAt: new Date(0),
  updatedAt: new Date(0),
};
const counted = (n: number) => ({ slug: 'l', signatureCount: n, listedCount: n, countUpdatedAt: new Date(n) });

let hub: CountHub | undefined;
afterEach(() => hub?.close());

/** A hub pushing at most every 200 ms, its letter read, and `watchers` watching it: the counts each saw. */
async function watched(watchers = 1): Promise<{ hub: CountHub; seen: number[] }> {
  hub = createCountHub(async () => letter, 60_000, 200);
  await hub.letter('l');
  const seen: number[] = [];
  for (let i = 0; i < watchers; i++) hub.subscribe('l', (changed) => seen.push(changed!.signatureCount));
  return { hub, seen };
}

describe('the count hub', () => {
  it('tells a watcher of a quiet letter at once, and of a busy one at most once per push interval, with the latest count', async () => {
    const { hub, seen } = await watched();

    hub.counted(counted(1), hub.forgets());
    expect(seen).toEqual([1]);
    // A thousand confirmations in a burst: one more push, with the last of them.
    for (let n = 2; n <= 1001; n++) hub.counted(counted(n), hub.forgets());
    expect(seen).toEqual([1]);
    await waitFor(() => seen.length === 2, 'the second push');
    expect(seen).toEqual([1, 1001]);
    // Nothing new: nothing sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1, 1001]);
  });

  it('sends nothing for a change that is undone before its push', async () => {
    const { hub, seen } = await watched();
    hub.counted(counted(1), hub.forgets());
    hub.counted(counted(2), hub.forgets());
    hub.counted(counted(1), hub.forgets());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1]);
  });

  it('reaches thousands of watchers a few hundred at a time, so that requests in flight are not held up', async () => {
    const { hub, seen } = await watched(1000);
    hub.counted(counted(7), hub.forgets());
    // The first few hundred at once; a request waiting now runs before the rest.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(1000);
    await waitFor(() => seen.length === 1000, 'every watcher');
    expect(new Set(seen)).toEqual(new Set([7]));
  });

  it('tells its watchers when the letter changes status or is gone, with the same count', async () => {
    let stored: Letter | undefined = letter;
    hub = createCountHub(async () => stored, 60_000, 0);
    await hub.letter('l');
    const seen: (string | undefined)[] = [];
    hub.subscribe('l', (changed) => seen.push(changed?.status));
    stored = { ...letter, status: 'draft' };
    hub.forget('l');
    await hub.letter('l');
    await waitFor(() => seen.length === 1, 'the change of status');
    stored = undefined;
    hub.forget('l');
    await hub.letter('l');
    await waitFor(() => seen.length === 2, 'the letter gone');
    expect(seen).toEqual(['draft', undefined]);
  });

  it('does not keep a letter read before a change it was told of (a moderation racing a read)', async () => {
    let stored = { ...letter, signatureCount: 41 };
    let release = () => {};
    const reads: Promise<void>[] = [];
    hub = createCountHub(async () => {
      const seen = stored;
      // The first read is held until the change has been made and told.
      if (reads.length === 0) reads.push(new Promise<void>((resolve) => (release = resolve)));
      await reads[0];
      return seen;
    }, 60_000);
    const early = hub.letter('l');
    stored = { ...letter, signatureCount: 21 };
    hub.forget('l');
    release();
    await early;
    expect((await hub.letter('l'))?.signatureCount).toBe(21);
  });

  it('reads the letter afresh instead of taking counts from a write that a change overtook', async () => {
    let stored = { ...letter, signatureCount: 21 };
    hub = createCountHub(async () => stored, 60_000);
    await hub.letter('l');
    // A confirmation begins; a moderation changes the letter and is told; the confirmation's counts,
    // read in its own batch before the moderation, arrive last.
    const since = hub.forgets();
    hub.forget('l');
    expect((await hub.letter('l'))?.signatureCount).toBe(21);
    stored = { ...letter, signatureCount: 22 };
    hub.counted({ ...counted(41), slug: 'l' }, since);
    expect((await hub.letter('l'))?.signatureCount).toBe(22);
  });

  it('keeps what was built from the letter’s text across a change of its count, and not across a read', async () => {
    // Each read gives a new object, as the database does.
    hub = createCountHub(async () => ({ ...letter }), 60_000);
    const first = await hub.letter('l');
    let reads = 0;
    const translations = () => perLetter(hub!.current('l')!, 'translations', () => ++reads);
    expect(translations()).toBe(1);
    hub.counted(counted(1), hub.forgets());
    expect(hub.current('l')).not.toBe(first);
    expect(translations()).toBe(1);
    hub.forget('l');
    await hub.letter('l');
    expect(translations()).toBe(2);
  });
});
