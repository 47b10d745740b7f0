import { describe, expect, it } from 'vitest';
import { displayCount, isLocale } from '../../src/domain/count-display.ts';

describe('displayCount', () => {
  it('is exact below 1,000', () => {
    expect(displayCount(0)).toBe('0');
    expect(displayCount(137)).toBe('137');
    expect(displayCount(999)).toBe('999');
  });

  it('floors to two significant digits with a "+" from 1,000 on', () => {
    expect(displayCount(1000)).toBe('1,000+');
    expect(displayCount(2512)).toBe('2,500+');
    expect(displayCount(9999)).toBe('9,900+');
    expect(displayCount(10_000)).toBe('10,000+');
    expect(displayCount(12_345)).toBe('12,000+');
    expect(displayCount(99_999)).toBe('99,000+');
    expect(displayCount(1_234_567)).toBe('1,200,000+');
  });

  it('groups digits per locale', () => {
    expect(displayCount(999, 'de')).toBe('999');
    expect(displayCount(1000, 'de')).toBe('1.000+');
    expect(displayCount(9999, 'de')).toBe('9.900+');
    expect(displayCount(10_000, 'de')).toBe('10.000+');
    expect(displayCount(1_234_567, 'de')).toBe('1.200.000+');
  });
});

describe('isLocale', () => {
  it('accepts language tags and refuses anything else', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('be-BY')).toBe(true);
    expect(isLocale('not a locale!')).toBe(false);
    expect(isLocale('')).toBe(false);
  });
});
