import { describe, expect, it } from 'vitest';
import { canonicalEmail, mailboxOf } from '../../src/domain/canonical-email.ts';

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

describe('canonicalEmail, by the providers table', () => {
  const mailbox = (addresses: string[]) => new Set(addresses.map(canonicalEmail));

  it('folds the +tags that Outlook.com, iCloud, Proton and Fastmail deliver to one mailbox', () => {
    expect(mailbox(Array.from({ length: 20 }, (_, i) => `anna+v${i}@outlook.com`))).toEqual(new Set(['anna@outlook.com']));
    expect(canonicalEmail('anna+x@Hotmail.com')).toBe('anna@hotmail.com');
    expect(canonicalEmail('anna+x@icloud.com')).toBe('anna@icloud.com');
    expect(canonicalEmail('anna+x@fastmail.com')).toBe('anna@fastmail.com');
  });

  it('keeps different Microsoft domains apart: they are different mailboxes', () => {
    expect(canonicalEmail('anna@hotmail.com')).not.toBe(canonicalEmail('anna@outlook.com'));
  });

  it('folds the domains of one Proton username', () => {
    expect(mailbox(['anna@proton.me', 'anna+a@protonmail.com', 'anna@protonmail.ch', 'anna+b@pm.me'])).toEqual(new Set(['anna@proton.me']));
  });

  it("folds Yahoo's disposable -keyword addresses", () => {
    expect(canonicalEmail('anna-petition@yahoo.com')).toBe('anna@yahoo.com');
  });

  it("folds Yandex's domain aliases, and a dot and a hyphen in its logins", () => {
    const aliases = ['i.ivanov@yandex.ru', 'i-ivanov@yandex.by', 'I.Ivanov@yandex.com', 'i-ivanov+x@yandex.kz', 'i.ivanov@ya.ru'];
    expect(mailbox(aliases)).toEqual(new Set(['i-ivanov@yandex.ru']));
  });

  it('makes three Gmail variants one mailbox', () => {
    expect(mailbox(['anna.k@gmail.com', 'annak+x@googlemail.com', 'A.n.n.a.K@gmail.com'])).toEqual(new Set(['annak@gmail.com']));
  });

  it('leaves mail.ru tags alone: that they reach one mailbox is not documented', () => {
    expect(canonicalEmail('anna+x@mail.ru')).toBe('anna+x@mail.ru');
  });
});

describe('mailboxOf', () => {
  it('caps mail to name+tag at any domain as mail to name, where hosted suites deliver it', () => {
    expect(mailboxOf(canonicalEmail('Maria+1@company.by'))).toBe('maria@company.by');
    expect(mailboxOf(canonicalEmail('anna+x@mail.ru'))).toBe('anna@mail.ru');
    expect(mailboxOf('plain@company.by')).toBe('plain@company.by');
  });
});
