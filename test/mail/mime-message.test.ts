import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { MailRejected } from '../../src/domain/mail.ts';
import { mimeMessage, senderOf } from '../../src/mail/mime-message.node.ts';

const from = senderOf('"Letters, Minsk" <no-reply@letters.test>');
const message = { to: 'anna@example.org', subject: 'Confirm', text: 'Hello,\n\nyes', html: '<p>Hello</p>' };

// The message the SMTP mailer hands over ready-made, read back by a mail client's parser (mailparser).
describe('the MIME message of a mail', () => {
  it('reads back as written: long non-ASCII subject, sender name with a comma, text and HTML in any script', async () => {
    const subject = `Пацвердзіце подпіс: ${'Код не расце ў страху — «ліст» '.repeat(4)}`.trim();
    const text = `Прывітанне,\n\n${'Вы ці нехта з гэтым адрасам папрасіў падпісаць ліст. '.repeat(8)}\n  Імя: «Алесь»`;
    const raw = mimeMessage({ ...message, subject, text, html: `<p>${text}</p>` }, from, new Date('2026-12-01T10:00:00Z'));
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toBe(text);
    expect(mail.html).toBe(`<p>${text}</p>`);
    expect(mail.from?.value).toEqual([{ name: 'Letters, Minsk', address: 'no-reply@letters.test' }]);
    expect(mail.date?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('keeps English text readable on the wire (quoted-printable) and other scripts compact (base64)', () => {
    expect(mimeMessage(message, from, new Date())).toContain('Content-Transfer-Encoding: quoted-printable\r\n\r\nHello,\r\n\r\nyes\r\n');
    expect(mimeMessage({ ...message, text: 'Прывітанне' }, from, new Date())).toContain(
      `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from('Прывітанне').toString('base64')}\r\n`,
    );
  });

  it('refuses to write a header field that a line break would split into two', () => {
    const bcc = '\r\nBcc: eve@evil.example';
    expect(() => mimeMessage({ ...message, subject: `Confirm${bcc}` }, from, new Date())).toThrow(/header field/);
    expect(() => mimeMessage({ ...message, headers: { 'X-Ref': `1${bcc}` } }, from, new Date())).toThrow(/header field/);
    expect(() => mimeMessage({ ...message, to: `anna@example.org${bcc}` }, from, new Date())).toThrow(MailRejected);
  });
});
