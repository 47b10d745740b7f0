import { html } from 'hono/html';
import type { MailMessage } from '../domain/mail.ts';
import type { MailJob } from '../domain/entities.ts';
import { exactCount } from '../domain/count-display.ts';
import { flattenLines } from '../domain/one-line-text.ts';
import { detailsToCheck, listingChoice, messagesFor } from '../i18n/index.ts';
import { defang } from './defang.ts';

/**
 * The message a mail job stands for, decided from the signature's state when it is sent, in the
 * language the signer signed in: a pending signature gets its confirmation link; a verified one is
 * told it has already signed (the answer to a repeated signing, which the web response never
 * reveals); a withdrawn one gets nothing.
 */
export function composeMail(job: MailJob, publicUrl: string): MailMessage | undefined {
  const { signature, letter, payload } = job;
  if (!signature.email || !payload.withdrawToken) return undefined;
  const m = messagesFor(signature.lang);
  // Line breaks in a title would otherwise reach the Subject header.
  const title = flattenLines(letter.title);
  const withdrawUrl = `${publicUrl}/withdraw/${payload.withdrawToken}`;

  if (signature.status === 'pending' && payload.verifyToken) {
    const verifyUrl = `${publicUrl}/verify/${payload.verifyToken}`;
    // Whoever asked typed these: they are quoted for checking, never used to address the reader.
    const details = detailsToCheck(m, signature).map(([label, value]) => [label, `«${defang(value)}»`] as const);
    const listing = listingChoice(m, signature, (n) => exactCount(n, signature.lang));
    return {
      to: signature.email,
      subject: m.mail.confirmSubject(title),
      text: [
        m.mail.greeting,
        '',
        m.mail.asked(title),
        m.mail.details,
        '',
        ...details.map(([label, value]) => `  ${label}: ${value}`),
        ...listing.map((line) => `  ${line}`),
        '',
        m.mail.openLink,
        verifyUrl,
        m.mail.changeOnPage,
        '',
        m.mail.linkWorks,
        '',
        m.mail.withdrawAnyTime,
        withdrawUrl,
      ].join('\n'),
      html: html`<p>${m.mail.greeting}</p>
<p>${m.mail.asked(title)} ${m.mail.details}</p>
<ul>${details.map(([label, value]) => html`<li>${label}: ${value}</li>`)}${listing.map((line) => html`<li>${line}</li>`)}</ul>
<p><a href="${verifyUrl}">${m.confirmTitle}</a></p>
<p>${m.mail.changeOnPage}</p>
<p>${m.mail.linkWorks}</p>
<p>${m.mail.withdrawAnyTime} <a href="${withdrawUrl}">${m.mail.withdrawLink}</a>.</p>`.toString(),
    };
  }

  if (signature.status === 'verified') {
    return {
      to: signature.email,
      subject: m.mail.alreadySubject(title),
      text: [m.mail.alreadyAsked(title), m.mail.alreadySigned, '', m.mail.withdrawNow, withdrawUrl].join('\n'),
      html: html`<p>${m.mail.alreadyAsked(title)} ${m.mail.alreadySigned}</p>
<p>${m.mail.withdrawNow} <a href="${withdrawUrl}">${m.mail.withdrawLink}</a>.</p>`.toString(),
    };
  }
  return undefined;
}
