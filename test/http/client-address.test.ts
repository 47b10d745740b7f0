import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/http/client-address.ts';

describe('the address a per-address limit counts', () => {
  it('is an IPv4 address itself, however it is written', () => {
    for (const written of ['203.0.113.1', '::ffff:203.0.113.1', '::FFFF:cb00:7101']) expect(addressBucket(written, 64)).toBe('203.0.113.1');
  });

  it('is the network of an IPv6 address, of the configured size', () => {
    expect(addressBucket('2001:db8:1:2:3:4:5:6', 64)).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002::ff', 64)).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:3:4:5:6', 56)).toBe('2001:db8:1::/56');
    expect(addressBucket('2001:db8:1:2ff:3:4:5:6', 56)).toBe('2001:db8:1:200::/56');
    expect(addressBucket('2001:db8:1:2:3:4:5:6', 48)).toBe('2001:db8:1::/48');
    expect(addressBucket('fe80::1%eth0', 64)).toBe('fe80::/64');
  });

  it('is whatever else was given, as it was written', () => {
    for (const other of ['unknown', '2001:db8::/64', 'not an address', '']) expect(addressBucket(other, 64)).toBe(other);
  });
});
