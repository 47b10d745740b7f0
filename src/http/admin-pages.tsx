import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { nameDomain } from '../domain/affiliation.ts';
import { ServiceError } from '../domain/errors.ts';
import { OPTIONAL_FIELDS, type LetterInput } from '../domain/letter-input.ts';
import { letterEdition } from '../domain/edition.ts';
import { letterGrowth } from '../domain/growth.ts';
import { anyLetter, createLetter, letterLanguages, setTranslation, updateLetter } from '../domain/letters.ts';
import { moderate } from '../domain/moderation.ts';
import { actorOf, endSession, SESSION_TTL_MS, startSession } from '../domain/organizers.ts';
import type { Letter } from '../domain/entities.ts';
import { messagesFor } from '../i18n/index.ts';
import { listSignatures } from '../domain/signature-list.ts';
import { DashboardPage } from '../views/admin/dashboard.tsx';
import { DeliverPage, PdfUnavailablePage } from '../views/admin/deliver.tsx';
import { EditionPage } from '../views/edition.tsx';
import { renderPage } from '../views/render-page.tsx';
import type { ActionOutcome } from '../views/admin/layout.tsx';
import { DomainsPage } from '../views/admin/domains.tsx';
import { GrowthPage } from '../views/admin/growth.tsx';
import { LetterFormPage, letterFormValues, type LetterFormValues } from '../views/admin/letter-form.tsx';
import { LoginPage } from '../views/admin/login.tsx';
import { SignaturesPage } from '../views/admin/signatures.tsx';
import { adminCookies, sessionCsrf, sessionOf, signInCsrf, signInToken, type AdminEnv, type CsrfDeps, type SessionDeps } from './admin-auth.ts';
import type { RouteDeps } from './deps.ts';
import { exportRoutes } from './download.ts';
import { showFormAgain } from './form-again.ts';
import { letterPage, type LetterPageDeps } from './letter-page.tsx';
import { perAddress, type AddressLimitDeps } from './rate-limit.ts';
import { languageOf, page, rememberLanguage } from './render.tsx';
import { formBody, formLists } from './request-body.ts';

/** The admin pages under /admin: log in with the organizer token, then a session cookie. */
export function adminPageRoutes(deps: AddressLimitDeps & SessionDeps & CsrfDeps & LetterPageDeps & Pick<RouteDeps, 'countKey' | 'editionPdf'>) {
  const admin = new Hono<AdminEnv>();
  const cookies = adminCookies(deps.publicUrl);
  admin.use(rememberLanguage);

  // Nothing reads a body before its sender is known: a sign-in is counted against its address first,
  // every other page needs a session first.
  admin.post('/login', perAddress(deps, 'loginPerAddress'), signInCsrf(deps), async (c) => {
    const { token = '' } = await formBody(c);
    try {
      const { session } = await startSession(deps.store, token.trim(), deps.now());
      setCookie(c, cookies.session, session, { ...cookies.options, maxAge: SESSION_TTL_MS / 1000 });
      return c.redirect('/admin', 303);
    } catch (error) {
      if (!(error instanceof ServiceError && error.code === 'unauthorized')) throw error;
      return page(c, (language) => <LoginPage csrf={c.get('csrf')} language={language} failed />, 401);
    }
  });

  // Everything else needs a session; without one the answer is 401 with the sign-in form.
  admin.use(async (c, next) => {
    try {
      c.set('organizer', await sessionOf(deps, c));
    } catch (error) {
      if (!(error instanceof ServiceError && error.code === 'unauthorized')) throw error;
      const csrf = await signInToken(deps, c);
      return page(c, (language) => <LoginPage csrf={csrf} language={language} />, 401);
    }
    await next();
  });
  admin.use(sessionCsrf(deps));

  const actor = (c: Context<AdminEnv>) => actorOf(c.get('organizer'));
  const common = (c: Context<AdminEnv>) => ({ organizer: c.get('organizer'), csrf: c.get('csrf') });

  admin.post('/logout', async (c) => {
    const session = getCookie(c, cookies.session);
    if (session) await endSession(deps.store, session);
    deleteCookie(c, cookies.session, cookies.options);
    return c.redirect('/admin', 303);
  });

  admin.get('/', async (c) => {
    const [letters, audit, mailAlarm] = await Promise.all([deps.store.allLetters(), deps.store.auditLog({ limit: 50 }), deps.store.mailAlarm()]);
    return page(c, (language) => <DashboardPage {...common(c)} language={language} letters={letters} audit={audit} mailAlarm={mailAlarm} />);
  });

  admin.get('/new-letter', (c) =>
    page(c, (language) => <LetterFormPage {...common(c)} language={language} now={deps.now()} values={{ lang: 'en', status: 'draft' }} errors={{}} />),
  );

  admin.post('/letters', async (c) => {
    const values = await formBody(c);
    try {
      const letter = await createLetter(deps.store, actor(c), letterFromForm(values), deps.now());
      return c.redirect(`/admin/letters/${letter.slug}`, 303);
    } catch (error) {
      return showFormAgain(error, (errors) =>
        page(c, (language) => <LetterFormPage {...common(c)} language={language} now={deps.now()} values={values} errors={errors} />, 400),
      );
    }
  });

  const editPage = async (c: Context<AdminEnv>, letter: Letter, values: LetterFormValues, errors: Record<string, string>) => {
    const [translations, audit, mailDelivery] = await Promise.all([
      deps.store.translations(letter.id),
      deps.store.auditLog({ letterId: letter.id, limit: 50 }),
      deps.store.mailDelivery(letter.id),
    ]);
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return page(
      c,
      (language) => (
        <LetterFormPage
          {...common(c)}
          language={language}
          now={deps.now()}
          letter={letter}
          values={values}
          errors={errors}
          translations={translations}
          audit={audit}
          mailDelivery={mailDelivery}
        />
      ),
      status,
    );
  };

  admin.get('/letters/:slug', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    return editPage(c, letter, letterFormValues(letter), {});
  });

  admin.post('/letters/:slug', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const values = await formBody(c);
    try {
      const updated = await updateLetter(deps.store, actor(c), letter.slug, letterFromForm(values), deps.now());
      return c.redirect(`/admin/letters/${updated.slug}`, 303);
    } catch (error) {
      return showFormAgain(error, (errors) => editPage(c, letter, values, errors));
    }
  });

  admin.post('/letters/:slug/translations', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const { lang = '', title = '', body = '', summary = '', organisedBy = '', addressee = '', remove } = await formBody(c);
    try {
      const text = { title, body, summary, organisedBy, addressee };
      await setTranslation(deps.store, actor(c), letter.slug, lang, remove ? null : text, deps.now());
      return c.redirect(`/admin/letters/${letter.slug}`, 303);
    } catch (error) {
      return showFormAgain(error, (errors) => editPage(c, letter, letterFormValues(letter), errors));
    }
  });

  admin.get('/letters/:slug/preview', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const { admin: a } = messagesFor(languageOf(c));
    return letterPage(deps, c, letter, { banner: a.letterForm.previewBanner(a.statuses[letter.status]) });
  });

  admin.get('/letters/:slug/growth', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const [growth, mailDelivery] = await Promise.all([letterGrowth(deps.store, letter, deps.now()), deps.store.mailDelivery(letter.id)]);
    return page(c, (language) => <GrowthPage {...common(c)} language={language} letter={letter} growth={growth} mailDelivery={mailDelivery} />);
  });

  const signaturesPage = async (c: Context<AdminEnv>, outcome: ActionOutcome = {}) => {
    const list = await listSignatures(deps.store, c.req.param('slug')!, c.req.query());
    return page(c, (language) => <SignaturesPage {...common(c)} language={language} {...list} {...outcome} />, outcome.errors ? 400 : 200);
  };

  admin.get('/letters/:slug/signatures', (c) => signaturesPage(c));

  admin.post('/letters/:slug/signatures', async (c) => {
    const form = await formLists(c);
    const ids = (form.ids ?? []).map(Number);
    const written = form.note?.at(-1);
    const note = written?.trim() ? written : undefined;
    try {
      const input = { action: form.action?.at(-1), ids, ...(note && { note }) };
      const { action, changed } = await moderate(deps.store, actor(c), c.req.param('slug'), input, deps.now());
      const t = messagesFor(languageOf(c)).admin.signatures;
      return signaturesPage(c, { message: t.changed(t.actions[action], changed) });
    } catch (error) {
      return showFormAgain(error, (errors) => signaturesPage(c, { errors }));
    }
  });

  const domainsPage = async (c: Context<AdminEnv>, outcome: ActionOutcome = {}) =>
    {
    const domains = await deps.store.domainOrganisations();
    return page(c, (language) => <DomainsPage {...common(c)} language={language} domains={domains} {...outcome} />, outcome.errors ? 400 : 200);
  };

  admin.get('/domains', (c) => domainsPage(c));

  admin.post('/domains', async (c) => {
    const { domain = '', organisation = '' } = await formBody(c);
    try {
      const named = await nameDomain(deps.store, actor(c), { domain, organisation }, deps.now());
      const t = messagesFor(languageOf(c)).admin.domains;
      return domainsPage(c, { message: named.organisation ? t.named(named.domain, named.organisation) : t.unnamed(named.domain) });
    } catch (error) {
      return showFormAgain(error, (errors) => domainsPage(c, { errors }));
    }
  });

  exportRoutes(admin, deps);

  admin.get('/letters/:slug/deliver', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const languages = letterLanguages(letter, await deps.store.translations(letter.id));
    return page(c, (language) => <DeliverPage {...common(c)} language={language} letter={letter} languages={languages} />);
  });

  const edition = async (c: Context<AdminEnv>) =>
    letterEdition(deps.store, deps.countKey, await anyLetter(deps.store, c.req.param('slug')!), c.req.query('lang'));

  // For organizers only: the whole list on one page, or a PDF, is costly to make, and the public
  // list already shows every name (docs/organizers.md#deliver-it).
  admin.get('/letters/:slug/edition', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(renderPage(<EditionPage edition={await edition(c)} publicUrl={deps.publicUrl} now={deps.now()} />));
  });

  admin.get('/letters/:slug/edition.pdf', async (c) => {
    if (!deps.editionPdf) {
      const letter = await anyLetter(deps.store, c.req.param('slug'));
      const lang = c.req.query('lang') ?? letter.lang;
      return page(c, (language) => <PdfUnavailablePage {...common(c)} language={language} letter={letter} lang={lang} />, 501);
    }
    const made = await edition(c);
    const pdf = await deps.editionPdf(made);
    return c.body(pdf, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${made.letter.slug}-${made.text.lang}.pdf"`,
      'Cache-Control': 'no-store',
    });
  });

  return admin;
}

/** The letter form's strings as the letter input: numbers parsed, empty optional fields left out. */
function letterFromForm(form: Record<string, string>): Partial<Record<keyof LetterInput, unknown>> {
  return {
    slug: form.slug,
    title: form.title,
    summary: form.summary,
    organisedBy: form.organisedBy,
    addressee: form.addressee,
    publishedOn: form.publishedOn?.trim() || null,
    deadline: form.deadline?.trim() ? utcMoment(form.deadline.trim()) : null,
    body: form.body,
    lang: form.lang || undefined,
    status: form.status,
    goal: form.goal?.trim() ? Number(form.goal) : null,
    anonymiseAfterDays: form.anonymiseAfterDays?.trim() ? Number(form.anonymiseAfterDays) : null,
    formFields: Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f, form[`field_${f}`] ?? 'optional'])),
    listThresholds: (form.listThresholds ?? '').split(/[\s,;]+/).filter(Boolean).map(Number),
    listDelayHours: form.listDelayHours?.trim() ? Number(form.listDelayHours) : undefined,
    proofOfWork: form.proofOfWork === 'true',
  };
}

/** The form's datetime-local value ("2026-03-25T18:00", seconds optional) as the UTC moment its label says it is. */
function utcMoment(local: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00Z` : /T[\d:.]+$/.test(local) ? `${local}Z` : local;
}
