import { drizzle } from 'drizzle-orm/libsql';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LETTER } from '../src/db/sample-letter.ts';
import * as schema from '../src/db/schema.ts';
import { storedCountKey } from '../src/db/settings.ts';
import { en, LANGUAGES, messagesFor, type Language } from '../src/i18n/index.ts';
import { staticCopyFiles } from '../src/mirror/static-copy.tsx';
import { AdminBrowser } from './support/admin-browser.ts';
import { startMailSink, linkPath, type MailSink } from './support/smtp.ts';
import { PUBLIC_URL, startSite, type Site } from './support/site.ts';

// Story: Алеся, Ольга and Оксана read a letter in their own languages and must never meet the
// interface's English on the way: not on a page, not in a mail, not in the widget or the mirror.
// Nor when they organize one: every admin page speaks the organizer's language too.

const READERS = ['be', 'ru', 'uk'] as const;
const SLUG = 'library';

/** The letter in English and in each reader's language; the translations have no Latin letters. */
const LETTER = {
  slug: SLUG,
  lang: 'en',
  title: 'Keep the public library open',
  body: 'We ask the council to keep the public library open on Sundays.',
  status: 'open',
  goal: 100,
  organisedBy: 'Friends of the Library',
  addressee: 'City Council',
  publishedOn: '2026-03-25',
  translations: {
    be: { title: 'Захавайце бібліятэку адчыненай', body: 'Мы просім гарсавет не зачыняць бібліятэку па нядзелях.', organisedBy: 'Сябры бібліятэкі', addressee: 'Гарадскі савет' },
    ru: { title: 'Сохраните библиотеку открытой', body: 'Мы просим горсовет не закрывать библиотеку по воскресеньям.', organisedBy: 'Друзья библиотеки', addressee: 'Городской совет' },
    uk: { title: 'Збережіть бібліотеку відкритою', body: 'Ми просимо міськраду не зачиняти бібліотеку в неділю.', organisedBy: 'Друзі бібліотеки', addressee: 'Міська рада' },
  },
};

/** Every string of a dictionary by its path; a function's with placeholders, which hold no word. */
function strings(messages: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof messages === 'string') out.set(path, messages);
  else if (typeof messages === 'function') out.set(path, String((messages as (...a: unknown[]) => unknown)('\u0001', '\u0001')));
  else if (messages && typeof messages === 'object') {
    for (const [key, value] of Object.entries(messages)) {
      for (const [k, v] of strings(value, path ? `${path}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

const latinWords = (text: string) => (text.match(/[A-Za-z][A-Za-z'’]*[A-Za-z]|\b[A-Za-z]\b/g) ?? []).map((w) => w.toLowerCase());

/**
 * The English words that give away an interface string left untranslated in `lang`: those of the
 * English strings the language says otherwise, and of the letter's English text (it is translated
 * into every language here), less the Latin words the language's own strings use ("SVG", "QR").
 */
function englishGiveaways(lang: Language): Set<string> {
  const own = strings(messagesFor(lang));
  // Each language is named in its own words in the switcher, and a letter's languages by their codes.
  const names = LANGUAGES.flatMap((code) => [code, ...latinWords(messagesFor(code).languageName)]);
  const kept = new Set([...own.values()].flatMap(latinWords).concat(names));
  const english = [...strings(en)].filter(([path, text]) => own.get(path) !== text).map(([, text]) => text);
  english.push(LETTER.title, LETTER.body, LETTER.organisedBy, LETTER.addressee);
  return new Set(english.flatMap(latinWords).filter((word) => !kept.has(word)));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);

/** Attributes a reader sees or hears: image descriptions, tooltips, hints, labels, button captions. */
const SEEN_ATTRIBUTES = /\s(?:alt|title|placeholder|aria-label)="([^"]*)"/g;

/**
 * The text a reader of a page sees or hears: its title, its text without scripts and styles, the
 * attributes above, the captions of buttons, and in the code offered for pasting, what that code
 * shows on the other site (an image's description, a frame's title). Addresses are left out.
 */
function visibleText(html: string): string {
  const parts: string[] = [];
  const page = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '').replace(/<head\b[\s\S]*?<\/head>/i, (head) => {
    parts.push(head.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '');
    return '';
  });
  const text = page.replace(/<(textarea|pre|code)\b[^>]*>([\s\S]*?)<\/\1>/gi, (_, _tag, code: string) => {
    const pasted = decode(code);
    for (const [, value] of pasted.matchAll(SEEN_ATTRIBUTES)) parts.push(value!);
    for (const [, alt] of pasted.matchAll(/!\[((?:\\.|[^\]])*)\]/g)) parts.push(alt!);
    return ' ';
  });
  for (const tag of text.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const [, value] of tag.matchAll(SEEN_ATTRIBUTES)) parts.push(value!);
    if (/^<(input|button)\b/i.test(tag) && /type="(submit|button|reset)"/.test(tag)) parts.push(tag.match(/\svalue="([^"]*)"/)?.[1] ?? '');
  }
  parts.push(text.replace(/<[^>]*>/g, ' '));
  return withoutAddresses(decode(parts.join(' \n ')));
}

/** Addresses, mail addresses and file names are no words of any language. */
const withoutAddresses = (text: string) =>
  text.replace(/\b[a-z][a-z+.-]*:\/\/\S+/gi, ' ').replace(/\S+@\S+/g, ' ').replace(/[\w.-]+\.(md|json|html|svg)\b/g, ' ');

const mailText = (mail: ParsedMail) =>
  [mail.subject ?? '', withoutAddresses(mail.text ?? ''), visibleText(`<html><body>${mail.html || ''}</body></html>`)].join('\n');

/** The English words of `text`, once each, and the first of them with a little of what stands around it. */
function englishIn(text: string, giveaways: Set<string>): string | undefined {
  const found = [...text.matchAll(/[A-Za-z][A-Za-z'’]*/g)].filter((match) => giveaways.has(match[0].toLowerCase()));
  if (found.length === 0) return undefined;
  const first = found[0]!.index;
  const context = text.slice(Math.max(0, first - 20), first + 60).replace(/\s+/g, ' ');
  return `${[...new Set(found.map((match) => match[0]))].join(' ')} (…${context}…)`;
}

describe('every word in the reader’s language', () => {
  let site: Site;
  let mail: MailSink;
  /** What a reader in each language met: where, and its visible text. */
  const seen = new Map<Language, [where: string, text: string][]>();

  const fetchIn = async (lang: string, path: string, init: RequestInit = {}) => {
    const res = await site.fetch(path, { ...init, headers: { 'accept-language': lang, ...init.headers } });
    return { res, html: await res.text() };
  };
  const see = (lang: Language, where: string, text: string) => {
    seen.set(lang, [...(seen.get(lang) ?? []), [where, text]]);
  };

  /** Signs as the form on the letter page does, with its hidden fields (the page's language among them). */
  const signIn = async (lang: string, fields: Record<string, string>) => {
    const { html } = await fetchIn(lang, `/l/${SLUG}`);
    const form = html.match(/<form class="sign"[\s\S]*?<\/form>/)![0];
    const hidden = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)].map(([, name, value]) => [name!, decode(value!)]),
    );
    return fetchIn(lang, `/l/${SLUG}/sign`, { method: 'POST', body: new URLSearchParams({ ...hidden, website: '', listed: 'true', ...fields }) });
  };

  beforeAll(async () => {
    mail = await startMailSink();
    site = await startSite({ mail });
    const token = await site.organizerToken();
    // The sample letter is in English only: a reader would rightly meet its English title on the home page.
    expect((await site.admin(token, 'PATCH', `/letters/${SAMPLE_LETTER.slug}`, { status: 'draft' })).status).toBe(200);
    expect((await site.admin(token, 'POST', '/letters', LETTER)).status).toBe(201);
    for (const lang of READERS) {
      expect((await site.admin(token, 'POST', '/letters', { ...LETTER, slug: `letter-${lang}`, lang, ...LETTER.translations[lang], translations: {} })).status).toBe(201);
    }

    for (const lang of ['en', ...READERS] as const) {
      const email = `reader-${lang}@pochta.by`;
      for (const path of ['/', `/l/${SLUG}`, `/l/${SLUG}/signatories`, `/l/${SLUG}/signatories?q=%D0%B1%D1%96`, `/embed/${SLUG}`, '/nowhere', `/l/nowhere`, `/confirm/${'A'.repeat(43)}`]) {
        see(lang, path, visibleText((await fetchIn(lang, path)).html));
      }
      // A language chosen by ?lang= or remembered in the cookie, not sent by the browser.
      see(lang, `/embed/${SLUG}?lang=${lang}`, visibleText(await (await site.fetch(`/embed/${SLUG}?lang=${lang}`)).text()));
      see(lang, `/nowhere?lang=${lang}`, visibleText(await (await site.fetch(`/nowhere?lang=${lang}`)).text()));
      see(lang, '/nowhere with the cookie', visibleText(await (await site.fetch('/nowhere', { headers: { cookie: `lang=${lang}` } })).text()));
      see(lang, `/badge/${SLUG}.svg`, visibleText((await fetchIn(lang, `/badge/${SLUG}.svg`)).html));

      const wrong = await signIn(lang, { name: 'Алеся', email: 'not an address' });
      expect(wrong.res.status).toBe(400);
      see(lang, 'the form shown again with its error', visibleText(wrong.html));

      const signed = await signIn(lang, { name: 'Алеся Кавалёва', email, city: 'Мінск' });
      expect(signed.res.status).toBe(303);
      see(lang, 'check your email', visibleText((await fetchIn(lang, signed.res.headers.get('location')!)).html));
      const [confirmMail] = await mail.mailTo(email);
      const title = lang === 'en' ? LETTER.title : LETTER.translations[lang].title;
      expect(confirmMail!.subject).toBe(messagesFor(lang).mail.confirmSubject(title));
      see(lang, 'the confirmation mail', mailText(confirmMail!));

      const confirmPath = linkPath(confirmMail!, 'confirm');
      see(lang, 'the confirm page', visibleText((await fetchIn(lang, confirmPath)).html));
      const thanks = await fetchIn(lang, confirmPath, { method: 'POST' });
      expect(thanks.res.status).toBe(200);
      see(lang, 'thank you', visibleText(thanks.html));

      expect((await signIn(lang, { name: 'Алеся Кавалёва', email })).res.status).toBe(303);
      const [, alreadyMail] = await mail.mailTo(email, 2);
      see(lang, 'the mail to one who has signed', mailText(alreadyMail!));

      const withdrawPath = linkPath(confirmMail!, 'withdraw');
      see(lang, 'the withdraw page', visibleText((await fetchIn(lang, withdrawPath)).html));
      see(lang, 'withdrawn', visibleText((await fetchIn(lang, withdrawPath, { method: 'POST' })).html));
    }

    // The organizer's pages, in the language the organizer's browser asks for. The letters' titles on
    // the list are the organizers' own words; field errors come from the shared validation, in English.
    const organizerToken = await site.organizerToken('Алеся');
    const ownWords = (text: string) => text.replaceAll(LETTER.title, ' ').replaceAll(SAMPLE_LETTER.title, ' ');
    for (const lang of ['en', ...READERS] as const) {
      const slug = lang === 'en' ? SLUG : `letter-${lang}`;
      const organizer = new AdminBrowser(site, { 'accept-language': lang });
      const signIn = await organizer.get('/admin');
      expect(signIn.status).toBe(401);
      see(lang, 'the admin sign-in', visibleText(await signIn.text()));
      await organizer.login(organizerToken);
      const letterPath = `/admin/letters/${slug}`;
      for (const path of ['/admin', '/admin/new-letter', '/admin/domains', letterPath, `${letterPath}/growth`, `${letterPath}/signatures`, `${letterPath}/deliver`, `${letterPath}/preview`]) {
        const res = await organizer.get(path);
        expect(res.status, path).toBe(200);
        see(lang, path, ownWords(visibleText(await res.text())));
      }
      const moderated = await organizer.post(`${letterPath}/signatures`, { action: 'unhide', ids: ['1'] });
      see(lang, 'a moderation done', visibleText(await moderated.text()));
      const named = await organizer.post('/admin/domains', { domain: 'company.by', organisation: 'Кампанія' });
      expect(named.status).toBe(200);
      see(lang, 'a domain named', visibleText(await named.text()));
    }

    // The mirror writes the letter, and how to check it, in each of its languages; the list in its own.
    const key = await storedCountKey(drizzle(site.db, { schema }));
    for (const slug of [SLUG, ...READERS.map((lang) => `letter-${lang}`)]) {
      const letter = (await site.store.letterBySlug(slug))!;
      const deps = { store: site.store, key, publicUrl: PUBLIC_URL, stylesheet: '', minDomainSigners: 5 };
      for await (const file of staticCopyFiles(deps, letter)) {
        if (!file.path.endsWith('.html')) continue;
        const lang = (file.path.match(/^(?:verify-)?(be|ru|uk)\.html$/)?.[1] ?? letter.lang) as Language;
        see(lang, `mirror of ${slug}: ${file.path}`, visibleText(file.content));
      }
    }
  });
  afterAll(async () => {
    await site?.close();
    await mail?.stop();
  });

  it.each(READERS.map((lang) => [lang]))('shows a %s reader no English outside the letter', (lang) => {
    const giveaways = englishGiveaways(lang);
    const english = (seen.get(lang) ?? []).flatMap(([where, text]) => {
      const found = englishIn(text, giveaways);
      return found ? [`${where}: ${found}`] : [];
    });
    expect(english).toEqual([]);
  });

  it('walked every page and mail in English too, which is where the check’s words come from', () => {
    const english = (seen.get('en') ?? []).map(([, text]) => text).join('\n');
    const { admin } = en;
    for (const text of [en.checkEmailTitle, en.thankYou, en.withdrawnTitle, en.errors.not_found![0], en.errors.token_gone![0], en.signTheLetter, admin.login.token, admin.dashboard.newLetter, admin.letterForm.optionalFields, admin.growth.overTime, admin.deliver.exportHeading, admin.signatures.apply]) {
      expect(english).toContain(text);
    }
    expect(english).toContain(en.mail.confirmSubject(LETTER.title));
  });
});
