import { Hono, type Context } from 'hono';
import { isLanguage, messagesFor } from '../i18n/index.ts';
import type { RouteDeps } from './deps.ts';
import { confirmSignature, inspectConfirmation, type ConfirmChoices, type Confirmation } from '../domain/confirm.ts';
import { OPTIONAL_FIELDS } from '../domain/letter-input.ts';
import { isPublic, openLetter, publicLetter } from '../domain/letters.ts';
import { sign } from '../domain/sign.ts';
import { signingSource } from '../domain/signing-source.ts';
import { domainAggregates, publicPage, searchText, searchTooShort, type PublicPage } from '../domain/signatories.ts';
import { inspectWithdrawal, withdrawSignature } from '../domain/withdraw.ts';
import { CheckEmailPage } from '../views/check-email.tsx';
import { ConfirmPage } from '../views/confirm.tsx';
import { DevOutboxPage } from '../views/dev-outbox.tsx';
import { HomePage } from '../views/home.tsx';
import { SignatoriesPage } from '../views/signatories.tsx';
import { WithdrawPage } from '../views/withdraw.tsx';
import type { SignDeps } from '../domain/sign.ts';
import { letterFor, withLetterTitle } from './letter-language.ts';
import { letterPage, type LetterPageDeps } from './letter-page.tsx';
import { HONEYPOT_FIELD, PROOF_FIELD, SOURCE_FIELD, STAMP_FIELD } from '../views/sign-form-fields.ts';
import { showFormAgain } from './form-again.ts';
import { perAddress, takeForAddress, type AddressLimitDeps } from './rate-limit.ts';
import { sameSiteOnly } from './same-site.ts';
import { page, rememberLanguage } from './render.tsx';
import { checkbox, formBody, isForm } from './request-body.ts';

type PageDeps = SignDeps &
  AddressLimitDeps &
  LetterPageDeps &
  Pick<RouteDeps, 'devOutbox' | 'minDomainSigners' | 'onMailQueued'>;

/** The server-rendered pages; every form on them works with JavaScript off. */
export function pageRoutes(deps: PageDeps) {
  const pages = new Hono();

  pages.use(rememberLanguage);

  pages.get('/', async (c) => {
    const letters = await Promise.all((await deps.store.openLetters(deps.now())).map((letter) => letterFor(deps.store, c, letter)));
    return page(c, (language) => <HomePage language={language} letters={letters} />);
  });

  pages.get('/l/:slug', async (c) => {
    return letterPage(deps, c, await publicLetter(deps.store, c.req.param('slug')));
  });

  // The address a form with errors is shown at: opened again (a bookmark, a reload after a while), it
  // leads back to the letter, with the language asked for if any.
  pages.get('/l/:slug/sign', (c) => {
    const lang = c.req.query('lang');
    const query = isLanguage(lang) ? `?lang=${lang}` : '';
    return c.redirect(`/l/${encodeURIComponent(c.req.param('slug'))}${query}`, 303);
  });

  pages.post('/l/:slug/sign', sameSiteOnly(deps.publicUrl), perAddress(deps, 'signPerAddress'), async (c) => {
    const slug = c.req.param('slug');
    const { listed, showDomain, [HONEYPOT_FIELD]: honeypot, [STAMP_FIELD]: stamp, [PROOF_FIELD]: proof, [SOURCE_FIELD]: tag, ...fields } = await formBody(c);
    const source = signingSource(tag);
    // Made when answered: c.redirect sets Location on the context, which every later answer would carry.
    const checkEmail = () => c.redirect(`/l/${encodeURIComponent(slug)}/check-email`, 303);
    const letter = await openLetter(deps.store, slug, deps.now());
    const input = { ...fields, ...listingFromForm(listed), showDomain: checkbox(showDomain) };
    // A box sent with a value it cannot have is shown again unticked, beside its error.
    const values = { ...input, listed: input.listed === true, showDomain: input.showDomain === true };
    const showAgain = (errors: Record<string, string>) => letterPage(deps, c, letter, { form: { values, errors, source }, status: 400, lang: fields.lang });
    // A person whose form came too soon (autofill), too late, or without a finished proof of work is
    // asked to press Sign again, on a fresh form; only a bot's form is answered as if it had worked.
    const again = () => showAgain({ again: messagesFor('en').fieldErrors.again! });
    const verdict = await deps.formGuard.check({ [HONEYPOT_FIELD]: honeypot ?? '', [STAMP_FIELD]: stamp ?? '' }, deps.now());
    if (verdict === 'bot') return checkEmail();
    if (verdict !== 'person') return again();
    const proofCheck = await deps.proofOfWork.check(letter, proof);
    if (proofCheck === 'invalid') return again();
    // Browsers without JavaScript cannot solve a challenge: they sign under a stricter limit instead.
    if (proofCheck === 'missing') await takeForAddress(deps, c, 'signWithoutProofPerAddress');
    try {
      const { mailQueued } = await sign(deps, slug, input, source);
      if (mailQueued) deps.onMailQueued?.(c);
    } catch (error) {
      return showFormAgain(error, showAgain);
    }
    return checkEmail();
  });

  pages.get('/l/:slug/signatories', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const query = searchText(c.req.query('q'));
    if (searchTooShort(query)) {
      const none: PublicPage = { signatures: [], next: null, unlisted: 0, waiting: 0 };
      const shown = await letterFor(deps.store, c, letter);
      return page(c, (language) => <SignatoriesPage language={language} letter={shown} page={none} query={query} domains={[]} tooShort />, 400);
    }
    const [list, domains] = await Promise.all([
      publicPage(deps.store, letter, { cursor: c.req.query('cursor'), query }),
      domainAggregates(deps.store, letter, deps.minDomainSigners),
    ]);
    const shown = await letterFor(deps.store, c, letter);
    return page(c, (language) => <SignatoriesPage language={language} letter={shown} page={list} query={query} domains={domains} />);
  });

  pages.get('/l/:slug/check-email', async (c) => {
    const letter = await letterFor(deps.store, c, await publicLetter(deps.store, c.req.param('slug')));
    return page(c, (language) => <CheckEmailPage language={language} letter={letter} publicUrl={deps.publicUrl} />);
  });

  // The address of a form shown again with its errors, opened by its language links: the letter.
  pages.get('/l/:slug/sign', (c) => {
    const lang = c.req.query('lang');
    return c.redirect(`/l/${encodeURIComponent(c.req.param('slug'))}${isLanguage(lang) ? `?lang=${lang}` : ''}`, 303);
  });

  /** Once a signature is confirmed, the letter its page offers to pass on (in its own language's order). */
  async function shareAfter(c: Context, confirmation: Confirmation) {
    if (confirmation.outcome === 'ready') return undefined;
    // A letter its organizers have taken back to draft is not offered: its links and QR code lead nowhere.
    const letter = await deps.store.letterBySlug(confirmation.subject.letter.slug);
    return isPublic(letter) ? { letter: await letterFor(deps.store, c, letter), publicUrl: deps.publicUrl } : undefined;
  }

  // Links from emails: GET only shows what the button will do, POST does it. `/verify/` is the confirm
  // link's old name, still in mails sent before the rename.
  for (const link of ['/confirm', '/verify', '/withdraw']) pages.use(`${link}/*`, noStore);

  for (const path of ['/confirm/:token', '/verify/:token'] as const) {
    pages.get(path, async (c) => {
      const token = c.req.param('token');
      const confirmation = await withLetterTitle(deps.store, c, await inspectConfirmation(deps, token, deps.now()));
      const share = await shareAfter(c, confirmation);
      return page(c, (language) => <ConfirmPage language={language} token={token} confirmation={confirmation} share={share} />);
    });

    pages.post(path, perAddress(deps, 'linksPerAddress'), async (c) => {
      const token = c.req.param('token');
      const choices = await confirmChoices(c);
      let confirmation;
      try {
        confirmation = await withLetterTitle(deps.store, c, await confirmSignature(deps, token, deps.now(), choices));
      } catch (error) {
        return showFormAgain(
          error,
          async (errors) => {
            const form = { values: choices.details as Record<string, string>, errors };
            const shown = await withLetterTitle(deps.store, c, await inspectConfirmation(deps, token, deps.now()));
            return page(c, (language) => <ConfirmPage language={language} token={token} confirmation={shown} form={form} />, 400);
          },
          'name',
        );
      }
      const share = await shareAfter(c, confirmation);
      return page(c, (language) => <ConfirmPage language={language} token={token} confirmation={confirmation} share={share} />);
    });
  }

  pages.get('/withdraw/:token', async (c) => {
    const token = c.req.param('token');
    const withdrawal = await withLetterTitle(deps.store, c, await inspectWithdrawal(deps, token));
    return page(c, (language) => <WithdrawPage language={language} token={token} withdrawal={withdrawal} />);
  });

  pages.post('/withdraw/:token', perAddress(deps, 'linksPerAddress'), async (c) => {
    const token = c.req.param('token');
    const withdrawal = await withLetterTitle(deps.store, c, await withdrawSignature(deps, token, deps.now()));
    return page(c, (language) => <WithdrawPage language={language} token={token} withdrawal={withdrawal} />);
  });

  const devOutbox = deps.devOutbox;
  if (devOutbox) pages.get('/dev/outbox', (c) => page(c, (language) => <DevOutboxPage language={language} messages={devOutbox()} />));

  return pages;
}

/**
 * What the confirm page's form makes of the request: its choices kept or taken back, and its details
 * as corrected. A POST without that form (a bare button, a script) keeps the request as it was; the
 * store can only narrow the choices, and corrections are checked as a signing is.
 */
async function confirmChoices(c: Context): Promise<ConfirmChoices> {
  if (!isForm(c)) return { listed: true, domain: true };
  const fields = await formBody(c);
  if (fields.choices !== '1') return { listed: true, domain: true };
  const details = Object.fromEntries(['name', ...OPTIONAL_FIELDS].flatMap((f) => (f in fields ? [[f, fields[f]]] : [])));
  return {
    listed: fields.list !== 'no',
    domain: checkbox(fields.showDomain) === true,
    ...('name' in details && { details }),
  };
}

async function noStore(c: Context, next: () => Promise<void>) {
  c.header('Cache-Control', 'no-store');
  await next();
}

/**
 * The form's `listed`: a checkbox (see {@link checkbox}), or one of the radios a letter with
 * thresholds shows: "true", "false" or a threshold, which lists the name from that count on.
 */
function listingFromForm(listed: string | undefined): { listed: boolean | string; listAt?: number } {
  const ticked = checkbox(listed);
  if (typeof ticked === 'boolean') return { listed: ticked };
  if (/^\d{1,10}$/.test(ticked)) return { listed: true, listAt: Number(ticked) };
  return { listed: ticked };
}
