import { describe, expect, it } from 'vitest';
import { formGuard, STAMP_FIELD } from '../../src/http/form-guard.ts';

const hmac = async (message: string) => `sig(${message})`;
const at = (ms: number) => new Date(ms);

describe('the sign form stamp', () => {
  it('lets no form through sooner than the minimum after it was shown, whenever in its second it was shown', async () => {
    const guard = formGuard(hmac, 1);
    // Shown at the very end of a second, sent a millisecond later: far too fast.
    const late = await guard.stamp(at(10_999));
    expect(await guard.passes({ [STAMP_FIELD]: late }, at(11_000))).toBe(false);
    expect(await guard.passes({ [STAMP_FIELD]: late }, at(11_998))).toBe(false);
    expect(await guard.passes({ [STAMP_FIELD]: late }, at(12_000))).toBe(true);
    // Shown at the start of a second: it waits at most a second more than the minimum.
    const early = await guard.stamp(at(20_000));
    expect(await guard.passes({ [STAMP_FIELD]: early }, at(21_999))).toBe(false);
    expect(await guard.passes({ [STAMP_FIELD]: early }, at(22_000))).toBe(true);
  });

  it('asks for no wait when the minimum is 0, but still for a stamp of its own making', async () => {
    const guard = formGuard(hmac, 0);
    const stamp = await guard.stamp(at(30_500));
    expect(await guard.passes({ [STAMP_FIELD]: stamp }, at(30_500))).toBe(true);
    expect(await guard.passes({ [STAMP_FIELD]: `${stamp.split('.')[0]}.forged` }, at(40_000))).toBe(false);
    expect(await guard.passes({}, at(40_000))).toBe(false);
  });
});
