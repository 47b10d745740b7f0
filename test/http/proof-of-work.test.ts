import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { describe, expect, it } from 'vitest';
import type { Letter } from '../../src/domain/entities.ts';
import { createHmac, webHashing } from '../../src/domain/tokens.ts';
import { createProofOfWork } from '../../src/http/proof-of-work.ts';

const MINUTE = 60_000;
const letter = (id: number, proofOfWork = false) => ({ id, proofOfWork }) as Letter;

function setUp() {
  let t = Date.now();
  const pow = createProofOfWork({
    hmac: createHmac(webHashing, 'a-secret-for-the-proof-of-work-tests-0123'),
    now: () => new Date(t),
    cost: 1,
    floodAbove: { max: 2, windowMs: MINUTE },
  });
  const solved = async () => {
    const challenge = await pow.challenge();
    return btoa(JSON.stringify({ challenge, solution: await solveChallenge({ challenge, deriveKey }) }));
  };
  return { pow, solved, later: (ms: number) => (t += ms) };
}

describe('proof of work', () => {
  it('asks for it while a letter is flooded, and one window after, then no more', async () => {
    const { pow, later } = setUp();
    const flooded = letter(1);
    expect(await pow.check(flooded, undefined)).toBe('not_asked');
    expect(await pow.check(flooded, undefined)).toBe('not_asked');
    expect(await pow.check(flooded, undefined)).toBe('missing');
    expect(pow.required(letter(2))).toBe(false);
    later(MINUTE);
    expect(pow.required(flooded)).toBe(true);
    later(MINUTE);
    expect(pow.required(flooded)).toBe(false);
    expect(pow.required(letter(3, true))).toBe(true);
  });

  it('takes a solution once, before its challenge expires, and nothing that is not one', async () => {
    const { pow, solved, later } = setUp();
    const guarded = letter(1, true);
    const first = await solved();
    expect(await pow.check(guarded, first)).toBe('solved');
    expect(await pow.check(guarded, first)).toBe('invalid');
    const kept = await solved();
    later(21 * MINUTE);
    expect(await pow.check(guarded, kept)).toBe('invalid');
    for (const junk of ['', 'not base64!', btoa('{}'), btoa('[1]'), 42]) {
      expect(await pow.check(guarded, junk)).toBe(junk === '' ? 'missing' : 'invalid');
    }
    // A challenge changed after it was signed (an easier prefix) is refused.
    const challenge = await pow.challenge();
    challenge.parameters.keyPrefix = '0';
    const easy = btoa(JSON.stringify({ challenge, solution: await solveChallenge({ challenge, deriveKey }) }));
    expect(await pow.check(guarded, easy)).toBe('invalid');
  });
});
