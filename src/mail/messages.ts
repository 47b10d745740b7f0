import { html } from 'hono/html';
import type { MailMessage } from '../domain/mail.ts';
import type { MailJob } from '../domain/store.ts';

/**
 * The message a mail job stands for, decided from the signature's state when it is sent: a pending
 * signature gets its confirmation link; a verified one is told it has already signed (the answer to
 * a repeated signing, which the web response never reveals); a withdrawn one gets nothing.
 */
export function composeMail(job: MailJob, publicUrl: string): MailMessage | undefined {
  const { signature, letter, payload } = job;
  if (!signature.email || !payload.withdrawToken) return undefined;
  const title = oneLine(letter.title);
  const withdrawUrl = `${publicUrl}/withdraw/${payload.withdrawToken}`;

  if (signature.status === 'pending' && payload.verifyToken) {
    const verifyUrl = `${publicUrl}/verify/${payload.verifyToken}`;
    const listing = signature.listed
      ? 'Your name will be shown in the public list of signatories.'
      : 'Your name will not be shown publicly; you will only be counted.';
    return {
      to: signature.email,
      subject: `Confirm your signature: ${title}`,
      text: [
        `Hello ${signature.name ?? ''},`,
        '',
        `You, or someone using this address, asked to sign the open letter "${title}".`,
        listing,
        '',
        'To confirm your signature, open this link and press the button on the page:',
        verifyUrl,
        '',
        'The link works for 7 days. If you did not ask for this, ignore this message: nothing is',
        'counted until the link is used.',
        '',
        'To withdraw your signature at any time and delete your details:',
        withdrawUrl,
      ].join('\n'),
      html: html`<p>Hello ${signature.name ?? ''},</p>
<p>You, or someone using this address, asked to sign the open letter <strong>${title}</strong>.
${listing}</p>
<p><a href="${verifyUrl}">Confirm your signature</a></p>
<p>The link works for 7 days. If you did not ask for this, ignore this message: nothing is counted
until the link is used.</p>
<p>To withdraw your signature at any time and delete your details:
<a href="${withdrawUrl}">withdraw my signature</a>.</p>`.toString(),
    };
  }

  if (signature.status === 'verified') {
    return {
      to: signature.email,
      subject: `You have already signed: ${title}`,
      text: [
        `Someone just asked to sign the open letter "${title}" with this address.`,
        'You have already signed it, and your signature is counted once; nothing has changed.',
        '',
        'To withdraw your signature and delete your details:',
        withdrawUrl,
      ].join('\n'),
      html: html`<p>Someone just asked to sign the open letter <strong>${title}</strong> with this address.
You have already signed it, and your signature is counted once; nothing has changed.</p>
<p>To withdraw your signature and delete your details: <a href="${withdrawUrl}">withdraw my signature</a>.</p>`.toString(),
    };
  }
  return undefined;
}

/** Line breaks in a title would otherwise reach the Subject header. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
