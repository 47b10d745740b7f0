import { constantTimeEqual } from '../domain/constant-time.ts';
import { HONEYPOT_FIELD, STAMP_FIELD } from '../views/sign-form-fields.ts';

/** A stamp names the second a form was shown in. */
const STAMP_MS = 1000;

/**
 * What a posted form looks like: a person's; a bot's (the honeypot filled, no stamp or a made-up one),
 * answered as if it had worked, so a bot learns nothing, and nothing stored; or a person's sent
 * sooner than a person fills the form (autofill) or later than a stamp lasts, shown again to be sent
 * once more.
 */
export type FormVerdict = 'person' | 'bot' | 'too_fast' | 'expired';

/**
 * Friction for bots on the sign form, with no third party: a honeypot field people never see, and
 * the time the form was shown, signed so it cannot be made up. A stamp lasts `maxSeconds`: one
 * stamp is shared by every page shown in its second (pages are served from memory), so its age is
 * what bounds how long, and so how often, one copy of it can be used.
 */
export function formGuard(hmac: (message: string) => Promise<string>, minSeconds: number, maxSeconds: number) {
  const sign = (time: number) => hmac(`form\u0000${time}`);
  // One stamp per second serves every page shown in it: a second is finer than any minimum wait.
  let current: { time: number; stamp: Promise<string> } | undefined;
  const secondOf = (now: Date) => Math.floor(now.getTime() / STAMP_MS) * STAMP_MS;
  return {
    /** The stamp for a form shown now. */
    stamp(now: Date): Promise<string> {
      const time = secondOf(now);
      if (current?.time !== time) {
        current = { time, stamp: sign(time).then((signature) => `${time}.${signature}`) };
      }
      return current.stamp;
    },
    /** Whose a posted form looks like, and whether it came in the time a stamp allows. */
    async check(fields: Record<string, string>, now: Date): Promise<FormVerdict> {
      if (fields[HONEYPOT_FIELD]) return 'bot';
      const [time, signature] = (fields[STAMP_FIELD] ?? '').split('.');
      const shownAt = Number(time);
      if (!Number.isSafeInteger(shownAt) || !signature || !constantTimeEqual(signature, await sign(shownAt))) return 'bot';
      // The stamp names the second the form was shown in, and the form may have been shown at its very
      // end: the wait counts from there, so no form passes sooner than `minSeconds` after it was shown.
      if (minSeconds > 0 && now.getTime() - (shownAt + STAMP_MS) < minSeconds * 1000) return 'too_fast';
      return now.getTime() - shownAt > maxSeconds * 1000 ? 'expired' : 'person';
    },
  };
}

export type FormGuard = ReturnType<typeof formGuard>;
