import { describe, expect, it } from 'vitest';
import { perDomainCap, thresholdGroup } from '../../src/domain/list-release.ts';
import { signerBucket } from '../../src/domain/signatories.ts';

describe('signerBucket', () => {
  it('shows a domain’s signers in steps of 5, 10, 25, 50, 100, 250…', () => {
    const shown = [4, 5, 9, 10, 24, 25, 49, 50, 99, 100, 249, 250, 999, 1000, 2600].map(signerBucket);
    expect(shown).toEqual([0, 5, 5, 10, 10, 25, 25, 50, 50, 100, 100, 250, 500, 1000, 2500]);
  });
});

describe('perDomainCap', () => {
  it('lets one domain make up at most its share of a threshold, and always one signature', () => {
    expect(perDomainCap(1000, 0.1)).toBe(100);
    expect(perDomainCap(5, 0.1)).toBe(1);
    expect(perDomainCap(5, 1)).toBe(5);
  });
});

describe('thresholdGroup', () => {
  it('groups an address by its registrable domain, subdomains and disposable services included', () => {
    expect(thresholdGroup('eve@s1.catch-all.example')).toBe('catch-all.example');
    expect(thresholdGroup('eve@mail.company.co.uk')).toBe('company.co.uk');
    expect(thresholdGroup('eve3@mailinator.com')).toBe('mailinator.com');
  });

  it('lets a mailbox at a large provider count alone', () => {
    expect(thresholdGroup('anna@gmail.com')).toBeUndefined();
    expect(thresholdGroup('anna@mail.ru')).toBeUndefined();
  });
});
