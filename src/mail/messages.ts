import { html } from 'hono/html';
import type { MailMessage } from '../domain/mail.ts';
import type { MailJob } from '../domain/entities.ts';
import { exactCount } from '../domain/count-display.ts';
import { flattenLines } from '../domain/one-line-text.ts';
import { detailsToCheck, listingChoice, messagesFor } from '../i18n/index.ts';
import type { Messages } from '../i18n/en.ts';
import { defang } from './defang.ts';
import { fillTemplate, SLOT, splitTemplate, type Template } from './template.ts';

export interface MailComposerOptions {
  /** The site's address as the public sees it, for the links. */
  publicUrl: string;
  /** The right-hand side of each Message-ID: MAIL_FROM's domain (docs/deploying.md, "Mail that arrives"). */
  messageIdDomain: string;
  /** Letters (in a language) whose texts are kept; the least recently made are dropped first. */
  cacheSize?: number;
}

/** The texts of a letter's mails in one language, made once, with slots for each mail's own parts. */
interface LetterTexts {
  confirmSubject: string;
  /** Slots: the details' lines, the confirm link, the withdraw link. */
  confirmText: Template;
  /** Slots: the details' list items, the confirm link, the withdraw link. */
  confirmHtml: Template;
  alreadySubject: string;
  /** Slot: the withdraw link. */
  alreadyText: Template;
  alreadyHtml: Template;
}

/**
 * The message a mail job stands for, decided from the signature's state when it is sent, in the
 * language the signer signed in: a pending signature gets its confirmation link; a verified one is
 * told it has already signed (the answer to a repeated signing, which the web response never
 * reveals); a withdrawn one gets nothing. A letter's texts are made once per language and title (a
 * letter edit makes new ones); each mail only fills in its links and its signer's details.
 */
export function createMailComposer(options: MailComposerOptions): (job: MailJob) => MailMessage | undefined {
  const { publicUrl, messageIdDomain, cacheSize = 500 } = options;
  const cache = new Map<string, LetterTexts>();
  const textsFor = (lang: string, slug: string, title: string) => {
    const key = `${lang}\n${slug}\n${title}`;
    let texts = cache.get(key);
    if (!texts) {
      texts = letterTexts(messagesFor(lang), title);
      cache.set(key, texts);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    }
    return texts;
  };

  return (job) => {
    const { signature, letter, payload } = job;
    if (!signature.email || !payload.withdrawToken) return undefined;
    const texts = textsFor(signature.lang, letter.slug, letter.title);
    const withdrawUrl = `${publicUrl}/withdraw/${payload.withdrawToken}`;
    const headers = {
      // Random per send: a retried job is a new message to a receiver that saw none of the first.
      'Message-ID': `<${crypto.randomUUID()}@${messageIdDomain}>`,
      'Auto-Submitted': 'auto-generated',
    };

    if (signature.status === 'pending' && payload.confirmToken) {
      const m = messagesFor(signature.lang);
      const confirmUrl = `${publicUrl}/confirm/${payload.confirmToken}`;
      // Whoever asked typed these: they are quoted for checking, never used to address the reader.
      const details = detailsToCheck(m, signature).map(([label, value]) => `${label}: «${defang(value)}»`);
      const lines = [...details, ...listingChoice(m, signature, (n) => exactCount(n, signature.lang))];
      return {
        to: signature.email,
        subject: texts.confirmSubject,
        text: fillTemplate(texts.confirmText, [lines.map((line) => `  ${line}\n`).join(''), confirmUrl, withdrawUrl]),
        html: fillTemplate(texts.confirmHtml, [
          html`${lines.map((line) => html`<li>${line}</li>`)}`.toString(),
          html`${confirmUrl}`.toString(),
          html`${withdrawUrl}`.toString(),
        ]),
        headers,
      };
    }

    if (signature.status === 'verified') {
      return {
        to: signature.email,
        subject: texts.alreadySubject,
        text: fillTemplate(texts.alreadyText, [withdrawUrl]),
        html: fillTemplate(texts.alreadyHtml, [html`${withdrawUrl}`.toString()]),
        headers,
      };
    }
    return undefined;
  };
}

function letterTexts(m: Messages, letterTitle: string): LetterTexts {
  // Line breaks in a title would otherwise reach the Subject header.
  const title = flattenLines(letterTitle).replaceAll(SLOT, '');
  return {
    confirmSubject: m.mail.confirmSubject(title),
    confirmText: splitTemplate(
      [
        m.mail.greeting,
        '',
        m.mail.asked(title),
        m.mail.details,
        '',
        SLOT,
        m.mail.openLink,
        SLOT,
        m.mail.changeOnPage,
        '',
        m.mail.linkWorks,
        '',
        m.mail.withdrawAnyTime,
        SLOT,
      ].join('\n'),
      3,
    ),
    confirmHtml: splitTemplate(
      html`<p>${m.mail.greeting}</p>
<p>${m.mail.asked(title)} ${m.mail.details}</p>
<ul>${SLOT}</ul>
<p><a href="${SLOT}">${m.confirmTitle}</a></p>
<p>${m.mail.changeOnPage}</p>
<p>${m.mail.linkWorks}</p>
<p>${m.mail.withdrawAnyTime} <a href="${SLOT}">${m.mail.withdrawLink}</a>.</p>`.toString(),
      3,
    ),
    alreadySubject: m.mail.alreadySubject(title),
    alreadyText: splitTemplate([m.mail.alreadyAsked(title), m.mail.alreadySigned, '', m.mail.withdrawNow, SLOT].join('\n'), 1),
    alreadyHtml: splitTemplate(
      html`<p>${m.mail.alreadyAsked(title)} ${m.mail.alreadySigned}</p>
<p>${m.mail.withdrawNow} <a href="${SLOT}">${m.mail.withdrawLink}</a>.</p>`.toString(),
      1,
    ),
  };
}
