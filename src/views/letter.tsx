import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { LetterText } from '../domain/letters.ts';
import type { PublicPage } from '../domain/signatories.ts';
import type { DomainAggregate } from '../domain/signatories.ts';
import type { Letter, PublicSignature } from '../domain/entities.ts';
import { displayCount, exactCount } from '../domain/count-display.ts';
import { HONEYPOT_FIELD, PROOF_FIELD, SOURCE_FIELD, STAMP_FIELD } from './sign-form-fields.ts';
import { PROOF_OF_WORK_SCRIPT, WIDGET_STYLESHEET } from '../widget-files.ts';
import { plural } from '../i18n/index.ts';
import { embedSnippets } from './embed-snippets.ts';
import { signaturesWord, type PageLanguage } from './page-language.ts';
import { languageName } from './language-name.ts';
import { Layout } from './layout.tsx';
import { LetterMeta } from './letter-meta.tsx';
import { linkPreview } from './link-preview.ts';
import { fieldUse, SIGNER_FIELDS, TextField, type SignerField } from './signer-fields.tsx';

export type SignFormValues = Partial<Record<'name' | 'email' | 'title' | 'organisation' | 'city', string>> & {
  listed?: boolean;
  listAt?: number | undefined;
  showDomain?: boolean;
};

/** The widget's logo and footer link to its maker's site: links to another host that the form can do without. */
const WIDGET_CONFIGURATION = JSON.stringify({ hideFooter: true, hideLogo: true });

export interface SignFormState {
  values: SignFormValues;
  errors: Record<string, string>;
  /** The signed time the form was shown (see form-guard). */
  stamp?: string;
  /** Where the reader came from (the page's `?src=`, see signing-source.ts), sent on with the form. */
  source?: string | undefined;
}


export interface LetterPageProps {
  language: PageLanguage;
  letter: Letter;
  text: LetterText;
  bodyHtml: string;
  signatories: PublicPage;
  form: SignFormState;
  publicUrl: string;
  /** Where the page's script can follow the count live; absent where the runtime cannot stream. */
  streamUrl?: string | undefined;
  /** The time the page is rendered at: the deadline's countdown counts from it. */
  now: Date;
  /** Shown above the letter, e.g. on an organizer's preview of a draft. */
  banner?: string;
  /** Whether the form asks for a proof of work, which the ALTCHA widget makes in the browser. */
  proofOfWork?: boolean;
  /** The page's own address, for its language links: the letter's unless shown elsewhere (a preview). */
  path?: string;
}

export function LetterPage(props: LetterPageProps) {
  const { letter, text, publicUrl, language } = props;
  const { m, lang, signatures } = language;
  const count = letter.signatureCount;
  const url = `${publicUrl}/l/${letter.slug}`;
  const countText = count === 0 ? m.noSignaturesYet : signatures(count);
  const open = letter.status === 'open';
  const path = props.path ?? `/l/${letter.slug}`;
  const description = [text.summary || m.shareText(text.title), count > 0 ? `${countText}.` : undefined].filter(Boolean).join(' ');
  return (
    <Layout
      language={language}
      title={text.title}
      description={description}
      // In the head, not beside the form: a <script> in JSX renders through an AsyncLocalStorage (see renderPage).
      scripts={['/live-count.js', '/copy-button.js', ...(open ? ['/resend.js'] : []), ...(props.proofOfWork ? [PROOF_OF_WORK_SCRIPT] : [])]}
      path={path}
      wide
      links={[{ rel: 'canonical', href: url }, ...(props.proofOfWork ? [{ rel: 'stylesheet', href: WIDGET_STYLESHEET }] : [])]}
      meta={linkPreview({ title: text.title, description, url, lang: text.lang, languages: text.languages, image: { url: `${url}/card.png?lang=${encodeURIComponent(text.lang)}`, alt: text.title } })}
    >
      {props.banner && <p class="notice">{props.banner}</p>}
      <div class="letter-layout">
        <article class="letter" lang={text.lang}>
          {text.languages.length > 1 && <LetterLanguages language={language} path={path} current={text.lang} languages={text.languages} />}
          <h1>{text.title}</h1>
          <LetterMeta language={language} letter={letter} text={text} now={props.now} />
          <div class="tally" lang={lang}>
            <p class="count">
              <LiveCount language={language} letter={letter} streamUrl={props.streamUrl} zero={m.noSignaturesYet} show="tally" />
            </p>
            {letter.goal !== null && <Goal language={language} count={count} goal={letter.goal} />}
            {open && (
              <a class="button" href="#sign">
                {m.sign}
              </a>
            )}
          </div>
          <div class="letter-body">{raw(props.bodyHtml)}</div>
        </article>
        {open && (
          // Takes a phone's reader to the form from anywhere in the letter; wide screens show the form beside it.
          <a class="sign-bar" href="#sign" lang={lang}>
            {m.sign} <LiveCount language={language} letter={letter} streamUrl={props.streamUrl} show="number" />
          </a>
        )}
        <div class="sign-column" id="sign" lang={lang}>
          {open ? (
            <SignForm
              language={language}
              slug={letter.slug}
              lang={lang}
              formFields={letter.formFields}
              thresholds={letter.listThresholds}
              proofOfWork={props.proofOfWork ?? false}
              {...props.form}
            />
          ) : (
            <p class="closed">
              {m.closed} {m.finalCount} {signatures(count)}.
            </p>
          )}
        </div>
      </div>
      <Signatories language={language} slug={letter.slug} page={props.signatories} />
      {letter.status !== 'draft' && <ShareAndEmbed language={language} letter={letter} title={text.title} publicUrl={publicUrl} />}
    </Layout>
  );
}

/**
 * The count, which /live-count.js keeps current: from the stream where there is one, else by polling
 * the count JSON. Without JavaScript it is the count as rendered. It shows as text ("2,500+
 * signatures"), as a tally (the number large, the word under it), or as the number alone.
 */
export function LiveCount(props: {
  language: PageLanguage;
  letter: Letter;
  streamUrl?: string | undefined;
  /** The text for a count of 0, if not "0 signatures". */
  zero?: string;
  show?: 'text' | 'tally' | 'number';
  /** The text, when shown as text. */
  children?: Child;
}) {
  const { lang, m, signatures } = props.language;
  const count = props.letter.signatureCount;
  const query = `?locale=${encodeURIComponent(lang)}`;
  const show = props.show ?? 'text';
  const zero = count === 0 && props.zero;
  return (
    <span
      class={`live-count ${show}`}
      data-show={show}
      data-count-url={`/api/letters/${props.letter.slug}/count${query}`}
      data-stream-url={props.streamUrl && `${props.streamUrl}${query}`}
      data-count={String(count)}
      data-zero={props.zero}
      data-lang={lang}
      data-forms={JSON.stringify(m.signatures)}
      aria-live={show === 'number' ? undefined : 'polite'}
    >
      {show === 'text' && (props.children ?? signatures(count))}
      {show === 'number' && (count > 0 ? displayCount(count, lang) : '')}
      {show === 'tally' && (
        <>
          <span class="count-number">{zero ? '' : displayCount(count, lang)}</span>{' '}
          <span class="count-word">{zero || signaturesWord(count, lang)}</span>
        </>
      )}
    </span>
  );
}

/**
 * Progress toward the letter's goal, both numbers exact ("2,512 of 5,000"). The count keeps the width
 * of the goal, so the words after it stay put while /live-count.js updates it.
 */
export function Goal(props: { language: PageLanguage; count: number; goal: number }) {
  const { lang, m } = props.language;
  const goal = exactCount(props.goal, lang);
  return (
    <p class="goal">
      <progress max={props.goal} value={Math.min(props.count, props.goal)} data-goal aria-label={m.goalProgress} />
      <span class="goal-text">
        <span class="goal-count" data-reserve={goal}>
          <span data-goal-count>{exactCount(props.count, lang)}</span>
        </span>{' '}
        {m.of} {goal}
      </span>
    </p>
  );
}

/** The languages the letter is written in, each by its own name. */
function LetterLanguages(props: { language: PageLanguage; path: string; current: string; languages: string[] }) {
  return (
    <nav class="languages" aria-labelledby="letter-languages" lang={props.language.lang}>
      <span id="letter-languages">{props.language.m.letterIn}:</span>
      {props.languages.map((lang) =>
        lang === props.current ? (
          <strong lang={lang} aria-current="true">
            {languageName(lang)}
          </strong>
        ) : (
          <a href={`${props.path}?lang=${lang}`} lang={lang} hreflang={lang}>
            {languageName(lang)}
          </a>
        ),
      )}
    </nav>
  );
}

function Signatories(props: { language: PageLanguage; slug: string; page: PublicPage }) {
  const { m } = props.language;
  const { signatures, unlisted, waiting, next } = props.page;
  if (signatures.length === 0 && unlisted === 0 && waiting === 0) return null;
  return (
    <section class="signatories">
      <h2>{m.signatories}</h2>
      <SignatureList language={props.language} signatures={signatures} />
      {unlisted > 0 && <Others language={props.language} count={unlisted} />}
      {waiting > 0 && <Waiting language={props.language} count={waiting} />}
      {next && (
        <p>
          <a href={`/l/${props.slug}/signatories`}>{m.seeAll}</a>
        </p>
      )}
    </section>
  );
}

/** "and 250 others who chose not to be listed". */
export function Others(props: { language: PageLanguage; count: number }) {
  const { lang, m } = props.language;
  return (
    <p>
      {m.and} {displayCount(props.count, lang)} {plural(lang, props.count, m.others)}
    </p>
  );
}

/** "3 names wait to be listed until the letter reaches the count their signers chose". */
export function Waiting(props: { language: PageLanguage; count: number }) {
  const { lang, m } = props.language;
  return (
    <p class="waiting">
      {displayCount(props.count, lang)} {plural(lang, props.count, m.waiting)}
    </p>
  );
}

export function SignatureList(props: { language: PageLanguage; signatures: PublicSignature[] }) {
  const { m } = props.language;
  return (
    <ul class="signature-list">
      {props.signatures.map((s) => (
        <li class={s.position.notable ? 'notable' : undefined}>
          <span class="signatory-name">{s.name}</span>
          {(s.title || s.organisation || s.city) && (
            <span class="signatory-details">, {[s.title, s.organisation, s.city].filter(Boolean).join(', ')}</span>
          )}
          {s.domain && (
            <span class="signatory-domain">
              {' '}
              ({m.verifiedAt} {s.domainOrganisation ? `${s.domainOrganisation}, @${s.domain}` : `@${s.domain}`})
            </span>
          )}
          {s.position.notable && (
            <span class="badge-notable">
              {' '}
              {m.notable}
              {s.notableNote && ` (${m.vettedBy} ${s.notableNote})`}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "25+ verified signers at Company (@company.by)". */
export function DomainCounts(props: { language: PageLanguage; domains: DomainAggregate[] }) {
  const { lang, m } = props.language;
  if (props.domains.length === 0) return null;
  return (
    <section class="domains">
      <h2>{m.byDomain}</h2>
      <ul>
        {props.domains.map((d) => (
          <li>
            {exactCount(d.atLeast, lang)}+ {plural(lang, d.atLeast, m.domainSigners)}{' '}
            {d.organisation ? `${d.organisation} (@${d.domain})` : `@${d.domain}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The badge and widget snippets, folded away: most readers want to sign, not to embed. Each has a copy
 * button, which /copy-button.js shows; without JavaScript the text is there to select.
 */
function ShareAndEmbed(props: { language: PageLanguage; letter: Letter; title: string; publicUrl: string }) {
  const { m } = props.language;
  const snippets = embedSnippets(props.publicUrl, props.letter.slug, props.title, props.language.lang);
  return (
    <details class="embed">
      <summary>{m.shareAndEmbed}</summary>
      <p>{m.embedHint}</p>
      {snippets.map(({ kind, code }) => (
        <div class="field">
          <label for={`embed-${kind}`}>{m.embedLabels[kind]}</label>
          <textarea id={`embed-${kind}`} readonly rows={3}>
            {code}
          </textarea>
          <button type="button" class="secondary" data-copy-from={`embed-${kind}`} data-copied={m.copied} hidden>
            {m.copy}
          </button>
        </div>
      ))}
    </details>
  );
}

function SignForm(
  props: { language: PageLanguage; slug: string; lang: string; formFields: Letter['formFields']; thresholds: number[]; proofOfWork: boolean } & SignFormState,
) {
  const { values } = props;
  const { lang, m } = props.language;
  // English shows the exact reasons the signing core gives; other languages a translated one per field.
  const errors: Record<string, string> =
    lang === 'en'
      ? props.errors
      : Object.fromEntries(Object.keys(props.errors).map((f) => [f, m.fieldErrors[f] ?? m.fieldErrors.other!]));
  const use = (field: SignerField['name']) => fieldUse(props.formFields, field);
  // Where listing is a choice of thresholds, its error links to the group of options.
  const problems = Object.entries(errors).map(([field, message]): [string, string] =>
    field === 'listed' && props.thresholds.length > 0 ? ['listAt', message] : [field, message],
  );
  return (
    <form class="sign" method="post" action={`/l/${props.slug}/sign`} novalidate aria-labelledby="sign-heading">
      <h2 id="sign-heading">{m.signThisLetter}</h2>
      {problems.length > 0 && <FormProblems language={props.language} problems={problems} />}
      {SIGNER_FIELDS.filter((field) => use(field.name) !== 'off').map((field) => (
        <TextField
          language={props.language}
          field={field}
          id={`field-${field.name}`}
          required={use(field.name) === 'required'}
          value={values[field.name] ?? ''}
          error={errors[field.name]}
        />
      ))}
      {props.thresholds.length === 0 ? (
        <div class={errors.listed ? 'field checkbox has-error' : 'field checkbox'}>
          <input id="field-listed" name="listed" type="checkbox" value="true" checked={values.listed ?? false} />
          <label for="field-listed">{m.listMe}</label>
          {errors.listed && <p class="field-error">{errors.listed}</p>}
        </div>
      ) : (
        <ListingChoice language={props.language} thresholds={props.thresholds} values={values} error={errors.listAt ?? errors.listed} />
      )}
      <div class="field checkbox">
        <input
          id="field-showDomain"
          name="showDomain"
          type="checkbox"
          value="true"
          checked={values.showDomain ?? false}
          aria-describedby="hint-showDomain"
        />
        <label for="field-showDomain">{m.showDomain}</label>
        <p class="hint" id="hint-showDomain">
          {m.domainHint}
        </p>
      </div>
      <p class="hint">{m.formHint}</p>
      <input type="hidden" name="lang" value={props.lang} />
      <input type="hidden" name={STAMP_FIELD} value={props.stamp ?? ''} />
      <input type="hidden" name={SOURCE_FIELD} value={props.source ?? 'direct'} />
      <div class="honeypot" aria-hidden="true">
        <label for="field-website">{m.honeypot}</label>
        <input id="field-website" name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      {props.proofOfWork && (
        // Without JavaScript it shows nothing, and the form is still taken (under a stricter limit).
        <altcha-widget
          class="proof-of-work"
          challenge={`/api/letters/${props.slug}/challenge`}
          name={PROOF_FIELD}
          auto="onfocus"
          configuration={WIDGET_CONFIGURATION}
        />
      )}
      {/* "Press Sign again" links here. */}
      <button type="submit" id="field-again">
        {m.sign}
      </button>
    </form>
  );
}

/**
 * What to fix, focused when the page comes back (`autofocus` works without JavaScript), each message a
 * link to its field. A form sent too fast has nothing to fix: it is asked, calmly, to be sent again.
 */
function FormProblems(props: { language: PageLanguage; problems: [field: string, message: string][] }) {
  const { m } = props.language;
  const [first] = props.problems;
  if (props.problems.length === 1 && first![0] === 'again') {
    return (
      <div class="form-notice" id="form-problems" role="status" tabindex={-1} autofocus>
        <p>{first![1]}</p>
      </div>
    );
  }
  return (
    <div class="error-summary" id="form-problems" role="alert" tabindex={-1} autofocus aria-labelledby="form-problems-title">
      <h3 id="form-problems-title">{m.checkTheForm}</h3>
      <ul>
        {props.problems.map(([field, message]) => (
          <li>
            <a href={`#field-${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Where a letter offers thresholds, listing is one choice of several: now, once the count reaches one
 * of them, or never, each with what it means. The radios post `listed` as "true", "false" or the
 * threshold.
 */
function ListingChoice(props: { language: PageLanguage; thresholds: number[]; values: SignFormValues; error: string | undefined }) {
  const { lang, m } = props.language;
  const chosen = !props.values.listed ? 'false' : props.values.listAt ? String(props.values.listAt) : 'true';
  const options: [value: string, label: string, hint: string][] = [
    ['true', m.listNow, 'hint-list-now'],
    ...props.thresholds.map((n): [string, string, string] => [String(n), m.listAt(exactCount(n, lang)), 'hint-list-at']),
    ['false', m.listNever, 'hint-list-never'],
  ];
  const hints: Record<string, Child> = {
    'hint-list-now': m.listNowHint,
    'hint-list-at': `${m.thresholdHint} ${m.thresholdLimit}`,
    'hint-list-never': m.listNeverHint,
  };
  return (
    <fieldset
      id="field-listAt"
      class={props.error ? 'field choices has-error' : 'field choices'}
      aria-describedby={props.error ? 'field-listAt-error' : undefined}
    >
      <legend>{m.listing}</legend>
      {props.error && (
        <p class="field-error" id="field-listAt-error">
          {props.error}
        </p>
      )}
      {options.map(([value, label, hint], i) => {
        // The thresholds share one explanation, given after the last of them.
        const lastOfKind = options[i + 1]?.[2] !== hint;
        return (
          <div class="choice">
            <input id={`field-listed-${i}`} name="listed" type="radio" value={value} checked={chosen === value} aria-describedby={hint} />
            <label for={`field-listed-${i}`}>{label}</label>
            {lastOfKind && (
              <p class="hint" id={hint}>
                {hints[hint]}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
