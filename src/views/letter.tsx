import { raw } from 'hono/html';
import type { Letter } from '../domain/store.ts';
import { signaturesText } from './count-text.ts';
import { Layout } from './layout.tsx';

export type SignFormValues = Partial<Record<'name' | 'email' | 'title' | 'organisation' | 'city', string>> & {
  listed?: boolean;
};

export interface SignFormState {
  values: SignFormValues;
  errors: Record<string, string>;
}

const FIELDS = [
  { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', max: 120, required: true },
  { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', max: 254, required: true },
  { name: 'title', label: 'Title or role (optional)', type: 'text', autocomplete: 'organization-title', max: 200 },
  { name: 'organisation', label: 'Organisation (optional)', type: 'text', autocomplete: 'organization', max: 200 },
  { name: 'city', label: 'City (optional)', type: 'text', autocomplete: 'address-level2', max: 200 },
] as const;

export function LetterPage(props: { letter: Letter; bodyHtml: string; form: SignFormState }) {
  const { letter } = props;
  return (
    <Layout title={letter.title} description={letter.summary ?? undefined} lang={letter.lang}>
      <article class="letter">
        <h1>{letter.title}</h1>
        <p class="count" aria-live="polite">
          {letter.signatureCount === 0 ? 'No signatures yet.' : signaturesText(letter.signatureCount, letter.lang)}
        </p>
        <div class="letter-body">{raw(props.bodyHtml)}</div>
      </article>
      {letter.state === 'open' ? (
        <SignForm slug={letter.slug} lang={letter.lang} {...props.form} />
      ) : (
        <p class="closed">This letter is closed and no longer takes signatures.</p>
      )}
    </Layout>
  );
}

function SignForm(props: { slug: string; lang: string } & SignFormState) {
  const { values, errors } = props;
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
      {FIELDS.map((field) => {
        const error = errors[field.name];
        const id = `field-${field.name}`;
        return (
          <div class={error ? 'field has-error' : 'field'}>
            <label for={id}>{field.label}</label>
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
              required={'required' in field}
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
