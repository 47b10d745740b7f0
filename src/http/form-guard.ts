import { constantTimeEqual } from '../domain/constant-time.ts';

export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'shown';

/**
 * Friction for bots on the sign form, with no third party: a honeypot field people never see, and
 * the time the form was shown, signed so it cannot be made up. A form sent with the honeypot filled,
 * without a valid stamp, or sooner than a person could fill it, is answered as if it had worked, so a
 * bot learns nothing, and nothing is stored.
 */
export function formGuard(hmac: (message: string) => Promise<string>, minSeconds: number) {
  const sign = (time: number) => hmac(`form\u0000${time}`);
  return {
    /** The stamp for a form shown now. */
    async stamp(now: Date): Promise<string> {
      const time = now.getTime();
      return `${time}.${await sign(time)}`;
    },
    /** Whether a posted form looks like a person's. */
    async passes(fields: Record<string, string>, now: Date): Promise<boolean> {
      if (fields[HONEYPOT_FIELD]) return false;
      const [time, signature] = (fields[STAMP_FIELD] ?? '').split('.');
      const shownAt = Number(time);
      if (!Number.isSafeInteger(shownAt) || !signature || !constantTimeEqual(signature, await sign(shownAt))) return false;
      return now.getTime() - shownAt >= minSeconds * 1000;
    },
  };
}
