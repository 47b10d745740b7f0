import { describe, expect, it } from 'vitest';
import { formGuard } from '../../src/http/form-guard.ts';
import { HONEYPOT_FIELD, STAMP_FIELD } from '../../src/views/sign-form-fields.ts';

const hmac = async (message: string) => `sig(${message})`;
const at = (ms: number) => new Date(ms);
const HOUR = 3_600_000;

describe('the sign form stamp', () => {
  it('lets no form through sooner than the minimum after it was shown, whenever in its second it was shown', async () => {
    const guard = formGuard(hmac, 1, 7200);
    // Shown at the very end of a second, sent a millisecond later: far too fast.
    const late = await guard.stamp(at(10_999));
    expect(await guard.check({ [STAMP_FIELD]: late }, at(11_000))).toBe('too_fast');
    expect(await guard.check({ [STAMP_FIELD]: late }, at(11_998))).toBe('too_fast');
    expect(await guard.check({ [STAMP_FIELD]: late }, at(12_000))).toBe('person');
    // Shown at the start of a second: it waits at most a second more than the minimum.
    const early = await guard.stamp(at(20_000));
    expect(await guard.check({ [STAMP_FIELD]: early }, at(21_999))).toBe('too_fast');
    expect(await guard.check({ [STAMP_FIELD]: early }, at(22_000))).toBe('person');
  });

  it('asks for no wait when the minimum is 0, but still for a stamp of its own making', async () => {
    const guard = formGuard(hmac, 0, 7200);
    const stamp = await guard.stamp(at(30_500));
    expect(await guard.check({ [STAMP_FIELD]: stamp }, at(30_500))).toBe('person');
    expect(await guard.check({ [STAMP_FIELD]: `${stamp.split('.')[0]}.forged` }, at(40_000))).toBe('bot');
    expect(await guard.check({}, at(40_000))).toBe('bot');
    expect(await guard.check({ [STAMP_FIELD]: stamp, [HONEYPOT_FIELD]: 'x' }, at(40_000))).toBe('bot');
  });

  it('lets a stamp serve only until it is older than the maximum', async () => {
    const guard = formGuard(hmac, 3, 2 * 3600);
    const stamp = await guard.stamp(at(HOUR));
    expect(await guard.check({ [STAMP_FIELD]: stamp }, at(3 * HOUR))).toBe('person');
    expect(await guard.check({ [STAMP_FIELD]: stamp }, at(3 * HOUR + 1))).toBe('expired');
  });
});
