import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.node.ts';
import { siteWithMail } from '../support/site.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The TXT record docs/deploying.md tells the operator to publish. */
const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** DNS as a receiver would see it: only the site's DKIM record. */
async function resolver(name: string, type: string): Promise<string[][]> {
  if (type === 'TXT' && name === 'mail2026._domainkey.letters.test') return [[record.slice(0, 200), record.slice(200)]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
}

const verify = async (raw: Buffer | string) => (await dkimVerify(raw, { resolver })).results;

// A receiver checks the site's DKIM signature with the key published in DNS (mailauth, as many mail
// servers do); the mail is sent through a real SMTP server on 127.0.0.1 by the real site.
describe('DKIM', () => {
  const ctx = siteWithMail({
    MAIL_FROM: 'Letters <no-reply@letters.test>',
    DKIM_DOMAIN: 'letters.test',
    DKIM_SELECTOR: 'mail2026',
    // As an env file holds it: on one line, with literal \n.
    DKIM_PRIVATE_KEY: pem.trim().replaceAll('\n', '\\n'),
  });

  it('signs each mail so that a receiver verifies it, aligned with the From domain', async () => {
    await ctx.site.signJson({ name: 'Ада', email: 'ada@example.org', listed: true, lang: 'be' });
    const [mail] = await ctx.mail.mailTo('ada@example.org');
    const [result] = await verify(mail!.raw);
    expect(result).toMatchObject({ signingDomain: 'letters.test', selector: 'mail2026', status: { result: 'pass', aligned: 'letters.test' } });
  });

  it('does not verify once the body or the subject has been changed on the way', async () => {
    await ctx.site.signJson({ name: 'Grace', email: 'grace@example.org', listed: true });
    const [mail] = await ctx.mail.mailTo('grace@example.org');
    const raw = mail!.raw.toString('latin1');
    const bodyStart = raw.indexOf('\r\n\r\n') + 4;
    const body = raw.slice(bodyStart);
    const tamperedBody = raw.slice(0, bodyStart) + body.replace('Grace', 'Grece');
    expect(tamperedBody).not.toBe(raw);
    expect((await verify(tamperedBody))[0]).toMatchObject({ status: { result: 'neutral', comment: 'body hash did not verify' } });
    const tamperedSubject = raw.replace(/^Subject: Confirm/m, 'Subject: Konfirm');
    expect(tamperedSubject).not.toBe(raw);
    expect((await verify(tamperedSubject))[0]).toMatchObject({ status: { result: 'fail' } });
  });

  it('stops the start when the key is PEM in form but no key Node can sign with', () => {
    const garbled = '-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----';
    expect(() => createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'no-reply@letters.test', connections: 1, dkim: { domainName: 'letters.test', keySelector: 'mail2026', privateKey: garbled } })).toThrow(
      /^DKIM_PRIVATE_KEY cannot be read as a private key/,
    );
  });
});
