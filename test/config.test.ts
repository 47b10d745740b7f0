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
});
