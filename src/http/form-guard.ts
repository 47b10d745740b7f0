import { constantTimeEqual } from '../domain/constant-time.ts';

export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'shown';
/** A stamp names the second a form was shown in. */
const STAMP_MS = 1000;

/**
 * Friction for bots on the sign form, with no third party: a honeypot field people never see, and
 * the time the form was shown, signed so it cannot be made up. A form sent with the honeypot filled,
 * without a valid stamp, or sooner than a person could fill it, is answered as if it had worked, so a
 * bot learns nothing, and nothing is stored.
 */
export function formGuard(hmac: (message: string) => Promise<string>, minSeconds: number) {
  const sign = (time: number) => hmac(`form\u0000${time}`);
  // One stamp per second serves every page shown in it: a second is finer than any minimum wait.
  let current: { time: number; stamp: Promise<string>; made?: string } | undefined;
  const secondOf = (now: Date) => Math.floor(now.getTime() / STAMP_MS) * STAMP_MS;
  return {
    /** The stamp for a form shown now. */
    stamp(now: Date): Promise<string> {
      const time = secondOf(now);
      if (current?.time !== time) {
        const second: NonNullable<typeof current> = {
          time,
          stamp: sign(time).then((signature) => (second.made = `${time}.${signature}`)),
        };
        current = second;
      }
      return current.stamp;
    },
    /** The stamp for a form shown now, if {@link stamp} has made it already: a page from memory waits for nothing. */
    madeStamp(now: Date): string | undefined {
      return current?.time === secondOf(now) ? current.made : undefined;
    },
    /** Whether a posted form looks like a person's. */
    async passes(fields: Record<string, string>, now: Date): Promise<boolean> {
      if (fields[HONEYPOT_FIELD]) return false;
      const [time, signature] = (fields[STAMP_FIELD] ?? '').split('.');
      const shownAt = Number(time);
      if (!Number.isSafeInteger(shownAt) || !signature || !constantTimeEqual(signature, await sign(shownAt))) return false;
      // The stamp names the second the form was shown in, and the form may have been shown at its very
      // end: the wait counts from there, so no form passes sooner than `minSeconds` after it was shown.
      return minSeconds === 0 || now.getTime() - (shownAt + STAMP_MS) >= minSeconds * 1000;
    },
  };
}
