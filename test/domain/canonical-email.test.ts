import { describe, expect, it } from 'vitest';
import { canonicalEmail } from '../../src/domain/canonical-email.ts';

describe('canonicalEmail', () => {
  it('trims and lower-cases', () => {
    expect(canonicalEmail('  Anna@Example.ORG ')).toBe('anna@example.org');
  });

  it('normalises Unicode to NFC, so composed and decomposed letters are one address', () => {
    const decomposed = 'Ale\u0301s@example.org';
    const composed = 'Al\u00e9s@example.org';
    expect(decomposed).not.toBe(composed);
    expect(canonicalEmail(decomposed)).toBe(canonicalEmail(composed));
    expect(canonicalEmail(decomposed)).toBe('al\u00e9s@example.org');
  });

  it('drops dots and +tags of gmail.com addresses', () => {
    expect(canonicalEmail('Foo.Bar+x@gmail.com')).toBe('foobar@gmail.com');
    expect(canonicalEmail('f.o.o.b.a.r+one+two@GMAIL.COM')).toBe('foobar@gmail.com');
  });

  it('treats googlemail.com as gmail.com', () => {
    expect(canonicalEmail('foo.bar+news@googlemail.com')).toBe('foobar@gmail.com');
  });

  it('keeps dots and tags of other providers, where they can be different mailboxes', () => {
    expect(canonicalEmail('Foo.Bar+x@example.org')).toBe('foo.bar+x@example.org');
    expect(canonicalEmail('foo.bar+x@gmail.com.example.org')).toBe('foo.bar+x@gmail.com.example.org');
  });
});
