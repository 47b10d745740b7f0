import { describe, expect, it } from 'vitest';
import { SLUG, startSite, type Site } from '../support/site.ts';

const LIMITED = { TRUST_PROXY: 'x-forwarded-for', LIMIT_SIGN_PER_ADDRESS: '5/minute' };

let signings = 0;
const signFrom = (site: Site, address: string) =>
  site.fetch(`/api/letters/${SLUG}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ name: 'Rotating', email: `rotating${signings++}@example.org`, listed: true }),
  });
const statuses = async (site: Site, addresses: string[]) => {
  const answers = [];
  for (const address of addresses) answers.push((await signFrom(site, address)).status);
  return answers;
};
const refusedAfterFive = (n: number) => [...Array(5).fill(202), ...Array(n - 5).fill(429)];

// Story: a bot on an IPv6 connection has a whole /64 to itself and sends each signing from a fresh
// address in it; another bot writes its IPv4 address as IPv4-mapped IPv6 to look like a second client.
describe('per-address limits and IPv6', () => {
  it('counts 50 addresses of one /64 as one client, and leaves the next /64 alone', async () => {
    const site = await startSite({ env: LIMITED });
    try {
      const rotating = Array.from({ length: 50 }, (_, i) => `2001:db8:aa:1:${(i + 1).toString(16)}::${i}`);
      expect(await statuses(site, rotating)).toEqual(refusedAfterFive(50));
      // However the same network is written.
      expect(await statuses(site, ['2001:0DB8:00AA:0001:ffff:ffff:ffff:ffff'])).toEqual([429]);
      expect(await statuses(site, ['2001:db8:aa:2::1', '2001:db8:aa:2::2'])).toEqual([202, 202]);
    } finally {
      await site.close();
    }
  });

  it('counts an IPv4 address written as IPv4-mapped IPv6 as that IPv4 address', async () => {
    const site = await startSite({ env: LIMITED });
    try {
      const disguised = ['203.0.113.1', '::ffff:203.0.113.1', '::FFFF:cb00:7101', '203.0.113.1', '::ffff:203.0.113.1', '203.0.113.1', '::ffff:203.0.113.1'];
      expect(await statuses(site, disguised)).toEqual(refusedAfterFive(7));
      expect(await statuses(site, ['203.0.113.2', '::ffff:203.0.113.3'])).toEqual([202, 202]);
    } finally {
      await site.close();
    }
  });

  it('counts a whole /48 as one client when IPV6_PREFIX_BITS=48', async () => {
    const site = await startSite({ env: { ...LIMITED, IPV6_PREFIX_BITS: '48' } });
    try {
      const subnets = Array.from({ length: 8 }, (_, i) => `2001:db8:bb:${i + 1}::1`);
      expect(await statuses(site, subnets)).toEqual(refusedAfterFive(8));
      expect(await statuses(site, ['2001:db8:bc::1'])).toEqual([202]);
    } finally {
      await site.close();
    }
  });
});
