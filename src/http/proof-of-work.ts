import { createChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { z } from 'zod';
import { decodeBase64Json } from '../domain/encoding.ts';
import type { Rate } from '../domain/rate-limits.ts';
import type { Letter } from '../domain/entities.ts';

const ALGORITHM = 'PBKDF2/SHA-256';
/** A solver tries 16^3 keys on average: with the configured cost per try, that is the work asked. */
const KEY_PREFIX = '000';
/** Long enough to fill in the form after the widget solved its challenge on the first keystroke. */
const CHALLENGE_MS = 20 * 60_000;

/** The widget's payload, base64 of this JSON; anything else is not a solution. */
const Payload = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.literal(ALGORITHM),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      expiresAt: z.number(),
    }),
    signature: z.string(),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string() }),
});

/**
 * What a signing request brought: `not_asked` when the letter asks for no proof now; else `solved`
 * (one of our challenges, unexpired, unused, solved), `missing` or `invalid`.
 */
export type ProofCheck = 'not_asked' | 'solved' | 'missing' | 'invalid';

export interface ProofOfWork {
  /** Whether signing `letter` asks for a proof of work now: its organizer turned it on, or it is flooded. */
  required(letter: Letter): boolean;
  /** A new challenge, signed with a key derived from the site secret; it expires. */
  challenge(): Promise<Challenge>;
  /** Counts a signing request toward the letter's flood, and checks its proof where one is asked; uses it up. */
  check(letter: Letter, proof: unknown): Promise<ProofCheck>;
}

/**
 * Self-hosted proof of work (ALTCHA): the widget on the sign form, or any API client, fetches a
 * challenge, finds a key whose PBKDF2 starts with a few zeros, and sends it with the signing. It costs
 * a person's browser a second or two, and a bot sending thousands of signings as many times that.
 *
 * A solution is taken once: used ones are remembered until their challenge expires, in this
 * instance's memory (behind several instances, a solution could serve once per instance). Floods are
 * counted per instance too, over fixed windows of the configured rate; a letter stays flooded for one
 * window after the one that went over.
 */
export function createProofOfWork(deps: {
  hmac: (message: string) => Promise<string>;
  now: () => Date;
  /** PBKDF2 iterations per try. */
  cost: number;
  /** Signings of one letter above which the letter is flooded. */
  floodAbove: Rate;
}): ProofOfWork {
  let secret: Promise<string> | undefined;
  const key = () => (secret ??= deps.hmac('proof-of-work'));
  const used = new Map<string, number>();
  let sweepAt = 0;
  const forget = (t: number) => {
    if (t < sweepAt) return;
    used.forEach((expiresAt, signature) => expiresAt < t && used.delete(signature));
    sweepAt = t + 60_000;
  };
  const windows = new Map<number, { start: number; count: number; previous: number }>();
  const windowOf = (letter: Letter, t: number) => {
    const { windowMs } = deps.floodAbove;
    let window = windows.get(letter.id);
    if (!window || t - window.start >= 2 * windowMs) window = { start: t, count: 0, previous: 0 };
    else if (t - window.start >= windowMs) window = { start: window.start + windowMs, count: 0, previous: window.count };
    windows.set(letter.id, window);
    return window;
  };
  const required = (letter: Letter) => {
    if (letter.proofOfWork) return true;
    if (!windows.has(letter.id)) return false;
    const { count, previous } = windowOf(letter, deps.now().getTime());
    return Math.max(count, previous) > deps.floodAbove.max;
  };
  const verify = async (payload: string) => {
    const parsed = Payload.safeParse(decodeBase64Json(payload));
    if (!parsed.success) return false;
    const { challenge, solution } = parsed.data;
    const t = deps.now().getTime();
    forget(t);
    const expiresAt = challenge.parameters.expiresAt * 1000;
    // Taken on the first try, right or wrong: a wrong key costs a try, as it does the solver. Taken
    // before the check awaits anything, so copies sent at once cannot all pass; given back only if
    // the challenge was not ours, so that a made-up one fills no memory.
    if (expiresAt < t || used.has(challenge.signature)) return false;
    used.set(challenge.signature, expiresAt);
    const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: await key() });
    if (result.invalidSignature !== false) used.delete(challenge.signature);
    return result.verified;
  };
  return {
    required,
    async challenge() {
      return createChallenge({
        algorithm: ALGORITHM,
        cost: deps.cost,
        keyPrefix: KEY_PREFIX,
        deriveKey,
        expiresAt: new Date(deps.now().getTime() + CHALLENGE_MS),
        hmacSignatureSecret: await key(),
      });
    },
    async check(letter, proof) {
      windowOf(letter, deps.now().getTime()).count++;
      if (!required(letter)) return 'not_asked';
      if (proof === undefined || proof === '') return 'missing';
      return typeof proof === 'string' && (await verify(proof)) ? 'solved' : 'invalid';
    },
  };
}
