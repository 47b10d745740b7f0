import { describe, expect, it } from 'vitest';
import { perDomainCap } from '../../src/domain/list-release.ts';
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
