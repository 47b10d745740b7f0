import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { LANGUAGES } from '../i18n/index.ts';
import type { RouteDeps } from '../app.ts';
import { confirmSignature, inspectConfirmation } from '../domain/confirm.ts';
import { ServiceError } from '../domain/errors.ts';
import { openLetter, publicLetter } from '../domain/letters.ts';
import { sign } from '../domain/sign.ts';
import { domainAggregates, publicPage, searchText, searchTooShort, type PublicPage } from '../domain/signatories.ts';
import { inspectWithdrawal, withdrawSignature } from '../domain/withdraw.ts';
import { CheckEmailPage } from '../views/check-email.tsx';
import { ConfirmPage } from '../views/confirm.tsx';
import { DevOutboxPage } from '../views/dev-outbox.tsx';
import { HomePage } from '../views/home.tsx';
import { SignatoriesPage } from '../views/signatories.tsx';
import { WithdrawPage } from '../views/withdraw.tsx';
import { letterPage } from './letter-page.tsx';
import { HONEYPOT_FIELD, STAMP_FIELD } from './form-guard.ts';
import { perAddress } from './rate-limit.ts';
import { LANGUAGE_COOKIE, page } from './render.tsx';
import { formBody } from './request-body.ts';

/** The server-rendered pages; every form on them works with JavaScript off. */
export function pageRoutes(deps: RouteDeps) {
  const pages = new Hono();

  // A language picked with ?lang= (the switcher's links) is remembered for the next pages.
  // Not async: an await of its own would cost every page request a promise and a turn.
  pages.use((c, next) => {
    const lang = c.req.query('lang');
    if (lang && (LANGUAGES as readonly string[]).includes(lang)) {
      setCookie(c, LANGUAGE_COOKIE, lang, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
    }
    return next();
  });

  pages.get('/', async (c) => page(c, <HomePage letters={await deps.store.openLetters()} />));

  pages.get('/l/:slug', async (c) => {
    return letterPage(deps, c, await publicLetter(deps.store, c.req.param('slug')));
  });

  pages.post('/l/:slug/sign', perAddress(deps, 'signPerAddress'), async (c) => {
    const slug = c.req.param('slug');
    const { listed, showDomain, [HONEYPOT_FIELD]: honeypot, [STAMP_FIELD]: stamp, ...fields } = await formBody(c);
    const checkEmail = c.redirect(`/l/${encodeURIComponent(slug)}/check-email`, 303);
    const letter = await openLetter(deps.store, slug);
    if (!(await deps.formGuard.passes({ [HONEYPOT_FIELD]: honeypot ?? '', [STAMP_FIELD]: stamp ?? '' }, deps.now()))) {
      return checkEmail;
    }
    const input = { ...fields, ...listingFromForm(listed), showDomain: showDomain !== undefined };
    try {
      const { mailQueued } = await sign(deps, slug, input);
      if (mailQueued) deps.onMailQueued?.(c);
    } catch (error) {
      if (!(error instanceof ServiceError && error.code === 'invalid_input')) throw error;
      const form = { values: input, errors: error.fields ?? { _: error.message } };
      return letterPage(deps, c, letter, { form, status: 400, lang: fields.lang });
    }
    return checkEmail;
  });

  pages.get('/l/:slug/signatories', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const query = searchText(c.req.query('q'));
    if (searchTooShort(query)) {
      const none: PublicPage = { signatures: [], next: null, unlisted: 0, waiting: 0 };
      return page(c, <SignatoriesPage letter={letter} page={none} query={query} domains={[]} tooShort />, 400);
    }
    const [list, domains] = await Promise.all([
      publicPage(deps.store, letter, { cursor: c.req.query('cursor'), query }),
      domainAggregates(deps.store, letter, deps.minDomainSigners),
    ]);
    return page(c, <SignatoriesPage letter={letter} page={list} query={query} domains={domains} />);
  });

  pages.get('/l/:slug/check-email', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    return page(c, <CheckEmailPage letter={letter} />);
  });

  // Links from emails: GET only shows what the button will do, POST does it.
  pages.use('/verify/*', noStore);
  pages.use('/withdraw/*', noStore);

  pages.get('/verify/:token', async (c) => {
    const token = c.req.param('token');
    const confirmation = await inspectConfirmation(deps.store, token, deps.now());
    return page(c, <ConfirmPage token={token} confirmation={confirmation} />);
  });

  pages.post('/verify/:token', perAddress(deps, 'linksPerAddress'), async (c) => {
    const token = c.req.param('token');
    const confirmation = await confirmSignature(deps.store, token, deps.now());
    return page(c, <ConfirmPage token={token} confirmation={confirmation} />);
  });

  pages.get('/withdraw/:token', async (c) => {
    const token = c.req.param('token');
    return page(c, <WithdrawPage token={token} withdrawal={await inspectWithdrawal(deps.store, token)} />);
  });

  pages.post('/withdraw/:token', perAddress(deps, 'linksPerAddress'), async (c) => {
    const token = c.req.param('token');
    return page(c, <WithdrawPage token={token} withdrawal={await withdrawSignature(deps.store, token, deps.now())} />);
  });

  const devOutbox = deps.devOutbox;
  if (devOutbox) pages.get('/dev/outbox', (c) => page(c, <DevOutboxPage messages={devOutbox()} />));

  return pages;
}

async function noStore(c: Context, next: () => Promise<void>) {
  c.header('Cache-Control', 'no-store');
  await next();
}

/**
 * The form's `listed`: a ticked checkbox ("true"), or one of the radios a letter with thresholds
 * shows: "true", "false" or a threshold, which lists the name from that count on.
 */
function listingFromForm(listed: string | undefined): { listed: boolean; listAt?: number } {
  if (listed === undefined || listed === 'false') return { listed: false };
  if (/^\d{1,10}$/.test(listed)) return { listed: true, listAt: Number(listed) };
  return { listed: true };
}
