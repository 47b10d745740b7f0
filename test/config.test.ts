import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';

describe('configuration', () => {
  it('runs on defaults: port 3000, mail to the log, the database left to the runtime', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    // Node opens a local file (DEFAULT_DATABASE_URL); a Worker uses its D1 binding.
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.SECRET).toBeUndefined();
    expect(config.MAIL_FROM).toBe('Undersigned <no-reply@localhost>');
    expect(config.NODE_ENV).toBe('development');
    expect(config.DEV_OUTBOX).toBe(false);
    expect(config.MAIL_SENDER).toBe(true);
  });

  it('shows the development outbox only when asked to, and never in production', () => {
    expect(parseConfig({ DEV_OUTBOX: '1' }).DEV_OUTBOX).toBe(true);
    expect(parseConfig({ DEV_OUTBOX: '0' }).DEV_OUTBOX).toBe(false);
    expect(parseConfig({ DEV_OUTBOX: '1', NODE_ENV: 'production' }).DEV_OUTBOX).toBe(false);
  });

  it('derives the public address from the port, and the sender from the public address', () => {
    expect(parseConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    const config = parseConfig({ PUBLIC_URL: 'https://letters.example.org/' });
    expect(config.PUBLIC_URL).toBe('https://letters.example.org');
    expect(config.MAIL_FROM).toBe('Undersigned <no-reply@letters.example.org>');
  });

  it('treats an empty variable as unset', () => {
    const config = parseConfig({ PORT: '', SMTP_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.SMTP_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'letters.example.org'],
    ['DATABASE_URL', 'postgres://localhost/db'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['MAIL_FROM', 'no address'],
    ['MAIL_FROM', 'a@b.org\r\nBcc: c@d.org'],
    ['SECRET', 'too-short'],
    ['NODE_ENV', 'staging'],
    ['DEV_OUTBOX', 'yes'],
    ['MAIL_SENDER', 'no'],
    ['IPV6_PREFIX_BITS', '32'],
    ['IPV6_PREFIX_BITS', '96'],
    ['MAIL_RETRY_BASE_SECONDS', '-1'],
  ])('refuses %s=%j with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name} `));
  });

  describe('DKIM signing', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dkim = { DKIM_DOMAIN: 'letters.example.org', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY: pem };

    it('is off unless set, and on with all three variables; a key on one line with \\n escapes reads as PEM', () => {
      expect(parseConfig({}).DKIM).toBeUndefined();
      expect(parseConfig(dkim).DKIM).toEqual({ domainName: 'letters.example.org', keySelector: 'mail2026', privateKey: pem.trim() });
      expect(parseConfig({ ...dkim, DKIM_PRIVATE_KEY: pem.replaceAll('\n', '\\n') }).DKIM?.privateKey).toBe(pem.trim());
    });

    it.each(Object.keys(dkim))('refuses the other two without %s, naming it', (missing) => {
      expect(() => parseConfig({ ...dkim, [missing]: undefined })).toThrow(
        `Invalid configuration:\n  ${missing} is needed with the other DKIM_ variables (all three or none)`,
      );
    });

    it.each([
      ['DKIM_PRIVATE_KEY', 'not a key'],
      ['DKIM_PRIVATE_KEY', pem.replace('PRIVATE KEY-----\n', 'PRIVATE KEY-----\n!!!')],
      ['DKIM_PRIVATE_KEY', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
      ['DKIM_DOMAIN', 'https://letters.example.org'],
      ['DKIM_SELECTOR', 'mail 2026'],
    ])('refuses %s=%j with a message naming the variable', (name, value) => {
      expect(() => parseConfig({ ...dkim, [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name} `));
    });
  });
});
