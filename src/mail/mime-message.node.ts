import addressparser from 'nodemailer/lib/addressparser';
import * as base64 from 'nodemailer/lib/base64';
import { encodeWords, foldLines, quoteString } from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import { MailRejected, type MailMessage } from '../domain/mail.ts';

/** The site's sender address: as the From header writes it, and as the SMTP envelope gives it. */
export interface Sender {
  header: string;
  address: string;
}

/** Reads MAIL_FROM ("Letters <no-reply@example.org>" or a bare address) once. */
export function senderOf(from: string): Sender {
  const [parsed] = addressparser(from, { flatten: true });
  if (!parsed?.address) throw new Error('MAIL_FROM holds no address');
  const { name, address } = parsed;
  if (!name) return { header: address, address };
  const shown = /^[\w ]*$/.test(name) ? name : /[^\x20-\x7e]/.test(name) ? encodeWords(name, textEncoding(name), 52, true) : quoteString(name);
  return { header: `${shown} <${address}>`, address };
}

/** An address the sign form took (plain ASCII, nothing a header or an envelope would read more in). */
const PLAIN_ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/;
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * The message as RFC 5322 text, ready for the SMTP server: multipart/alternative with a text and an
 * HTML part in UTF-8, each quoted-printable or base64 as nodemailer would choose, lines within 76
 * characters, a subject in RFC 2047 encoded words. nodemailer's own encoders do the encoding; only
 * the few lines around them are written here, since composing with its MIME tree costs the sender
 * several times more CPU per mail (`npx tsx bench/mail-cost.ts` measures it).
 */
export function mimeMessage(message: MailMessage, from: Sender, date: Date): string {
  if (!PLAIN_ADDRESS.test(message.to)) throw new MailRejected('the recipient address cannot be written in a header');
  const boundary = `=_${crypto.randomUUID()}`;
  const head = [
    `From: ${from.header}`,
    `To: ${message.to}`,
    headerLine('Subject', encodeWords(message.subject, textEncoding(message.subject), 52, true)),
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    ...Object.entries(message.headers ?? {}).map(([name, value]) => headerLine(name, value)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  ];
  return [
    ...head,
    '',
    `--${boundary}`,
    ...textPart('text/plain', message.text),
    `--${boundary}`,
    ...textPart('text/html', message.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** One header field, folded; a line break in its value would start a header field of its own. */
function headerLine(name: string, value: string): string {
  if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) throw new Error(`a header field cannot be written: ${JSON.stringify(name)}`);
  return foldLines(`${name}: ${value}`, 76);
}

function textPart(type: string, text: string): string[] {
  const canonical = text.replace(/\r?\n/g, '\r\n');
  const body =
    textEncoding(canonical) === 'Q' ? ['quoted-printable', qp.wrap(qp.encode(canonical), 76)] : ['base64', base64.wrap(base64.encode(canonical), 76)];
  return [`Content-Type: ${type}; charset=utf-8`, `Content-Transfer-Encoding: ${body[0]}`, '', body[1]!];
}

/** Quoted-printable for text mostly in Latin letters, base64 for the rest: nodemailer's own rule. */
function textEncoding(text: string): 'Q' | 'B' {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin ? 'Q' : 'B';
}
