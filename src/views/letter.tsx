import { raw } from 'hono/html';
import { OPTIONAL_FIELDS, type FieldUse } from '../domain/letter-input.ts';
import type { LetterText } from '../domain/letters.ts';
import type { Letter, PublicSignature } from '../domain/store.ts';
import { displayCount } from '../domain/count-display.ts';
import { signaturesText } from './count-text.ts';
import { Layout } from './layout.tsx';

export type SignFormValues = Partial<Record<'name' | 'email' | 'title' | 'organisation' | 'city', string>> & {
  listed?: boolean;
};

export interface SignFormState {
  values: SignFormValues;
  errors: Record<string, string>;
}

type Field = { name: 'name' | 'email' | (typeof OPTIONAL_FIELDS)[number]; label: string; type: string; autocomplete: string; max: number };
const FIELDS: Field[] = [
  { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', max: 120 },
  { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', max: 254 },
  { name: 'title', label: 'Title or role', type: 'text', autocomplete: 'organization-title', max: 200 },
  { name: 'organisation', label: 'Organisation', type: 'text', autocomplete: 'organization', max: 200 },
  { name: 'city', label: 'City', type: 'text', autocomplete: 'address-level2', max: 200 },
];

export interface LetterPageProps {
  letter: Letter;
  text: LetterText;
  bodyHtml: string;
  signatories: { notable: PublicSignature[]; recent: PublicSignature[] };
  form: SignFormState;
  /** Shown above the letter, e.g. on an organizer's preview of a draft. */
  banner?: string;
}

export function LetterPage(props: LetterPageProps) {
  const { letter, text } = props;
  const count = letter.signatureCount;
  return (
    <Layout title={text.title} description={text.summary ?? undefined} lang={text.lang}>
      {props.banner && <p class="notice">{props.banner}</p>}
      {text.languages.length > 1 && (
        <nav class="languages" aria-label="Languages">
          {text.languages.map((lang) =>
            lang === text.lang ? <strong lang={lang}>{lang}</strong> : <a href={`?lang=${lang}`} lang={lang} hreflang={lang}>{lang}</a>,
          )}
        </nav>
      )}
      <article class="letter">
        <h1>{text.title}</h1>
        <p class="count">{count === 0 ? 'No signatures yet.' : signaturesText(count, text.lang)}</p>
        {letter.goal !== null && (
          <p class="goal">
            <progress max={letter.goal} value={Math.min(count, letter.goal)} aria-label="Progress towards the goal" />{' '}
            {displayCount(count, text.lang)} of {displayCount(letter.goal, text.lang)}
          </p>
        )}
        <div class="letter-body">{raw(props.bodyHtml)}</div>
      </article>
      {letter.state === 'open' ? (
        <SignForm slug={letter.slug} lang={text.lang} formFields={letter.formFields} {...props.form} />
      ) : (
        <p class="closed">
          This letter is closed and no longer takes signatures. Final count: {signaturesText(count, text.lang)}.
        </p>
      )}
      <Signatories {...props.signatories} />
    </Layout>
  );
}

function Signatories(props: { notable: PublicSignature[]; recent: PublicSignature[] }) {
  if (props.notable.length === 0 && props.recent.length === 0) return null;
  const item = (s: PublicSignature) => (
    <li>
      <span class="signatory-name">{s.name}</span>
      {(s.title || s.organisation || s.city) && (
        <span class="signatory-details">, {[s.title, s.organisation, s.city].filter(Boolean).join(', ')}</span>
      )}
    </li>
  );
  return (
    <section class="signatories">
      {props.notable.length > 0 && (
        <>
          <h2>Notable signatories</h2>
          <ul class="notable">{props.notable.map(item)}</ul>
        </>
      )}
      {props.recent.length > 0 && (
        <>
          <h2>Recent signatories</h2>
          <ul class="recent">{props.recent.map(item)}</ul>
        </>
      )}
    </section>
  );
}

function SignForm(props: { slug: string; lang: string; formFields: Letter['formFields'] } & SignFormState) {
  const { values, errors } = props;
  const use = (field: Field['name']): FieldUse =>
    field === 'name' || field === 'email' ? 'required' : (props.formFields[field] ?? 'optional');
  const problems = Object.entries(errors);
  return (
    <form class="sign" method="post" action={`/l/${props.slug}/sign`} novalidate>
      <h2>Sign this letter</h2>
      {problems.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h3>Please check the form</h3>
          <ul>
            {problems.map(([field, message]) => (
              <li>
                <a href={`#field-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {FIELDS.filter((field) => use(field.name) !== 'off').map((field) => {
        const error = errors[field.name];
        const required = use(field.name) === 'required';
        const id = `field-${field.name}`;
        return (
          <div class={error ? 'field has-error' : 'field'}>
            <label for={id}>{required ? field.label : `${field.label} (optional)`}</label>
            {error && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
            <input
              id={id}
              name={field.name}
              type={field.type}
              autocomplete={field.autocomplete}
              maxlength={field.max}
              required={required}
              value={values[field.name] ?? ''}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
        );
      })}
      <div class={errors.listed ? 'field checkbox has-error' : 'field checkbox'}>
        <input id="field-listed" name="listed" type="checkbox" value="true" checked={values.listed ?? false} />
        <label for="field-listed">Show my name in the public list of signatories</label>
        {errors.listed && <p class="field-error">{errors.listed}</p>}
      </div>
      <p class="hint">
        We send you an email with a link to confirm your signature. Your email address is never shown to
        anyone. If you leave the box unticked, you are counted but not named.
      </p>
      <input type="hidden" name="lang" value={props.lang} />
      <button type="submit">Sign</button>
    </form>
  );
}
