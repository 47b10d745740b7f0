import { OPTIONAL_FIELDS } from '../../domain/letter-input.ts';
import type { AuditEntry, Letter, MailDelivery, Organizer } from '../../domain/entities.ts';
import { AuditTable } from './audit.tsx';
import { AdminLayout, CsrfField, FieldErrors } from './layout.tsx';
import { MailDeliverySection } from './mail-delivery.tsx';

/** The letter form's fields as strings, the way the form posts them. */
export type LetterFormValues = Record<string, string>;

export function letterFormValues(letter: Letter): LetterFormValues {
  return {
    slug: letter.slug,
    title: letter.title,
    summary: letter.summary ?? '',
    organisedBy: letter.organisedBy ?? '',
    addressee: letter.addressee ?? '',
    publishedOn: letter.publishedOn ?? '',
    // The form's datetime-local field, in UTC as its label says.
    deadline: letter.deadline ? letter.deadline.toISOString().slice(0, 16) : '',
    body: letter.body,
    lang: letter.lang,
    status: letter.status,
    goal: letter.goal === null ? '' : String(letter.goal),
    anonymiseAfterDays: letter.anonymiseAfterDays === null ? '' : String(letter.anonymiseAfterDays),
    listThresholds: letter.listThresholds.join(' '),
    listDelayHours: String(letter.listDelayHours),
    proofOfWork: letter.proofOfWork ? 'true' : '',
    ...Object.fromEntries(OPTIONAL_FIELDS.map((f) => [`field_${f}`, letter.formFields[f] ?? 'optional'])),
  };
}

interface Props {
  organizer: Organizer;
  csrf: string;
  /** Absent for a new letter. */
  letter?: Letter;
  values: LetterFormValues;
  errors: Record<string, string>;
  translations?: { lang: string; title: string; body: string; summary: string | null; organisedBy: string | null; addressee: string | null }[];
  audit?: AuditEntry[];
  /** How the letter's mail goes; absent for a new letter. */
  mailDelivery?: MailDelivery;
  /** The time the page is shown at: whether the deadline has passed. */
  now: Date;
}

export function LetterFormPage(props: Props) {
  const { values, letter } = props;
  const text = (name: string, label: string, hint?: string, type = 'text') => (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      {hint && <p class="hint">{hint}</p>}
      <input id={`field-${name}`} name={name} type={type} value={values[name] ?? ''} />
    </div>
  );
  const deadlinePassed = letter?.deadline && letter.deadline <= props.now && letter.status === 'open';
  return (
    <AdminLayout title={letter ? `Edit: ${letter.title}` : 'New letter'} organizer={props.organizer} csrf={props.csrf}>
      {letter && (
        <p>
          <a href={`/admin/letters/${letter.slug}/preview`}>Preview</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/growth`}>Dashboard</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/signatures`}>Signatures ({letter.signatureCount})</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/deliver`}>Export and print</a>
          {letter.status !== 'draft' && (
            <>
              {' '}
              · <a href={`/l/${letter.slug}`}>Public page</a>
            </>
          )}
        </p>
      )}
      {props.mailDelivery && <MailDeliverySection delivery={props.mailDelivery} />}
      <FieldErrors errors={props.errors} />
      <form method="post" action={letter ? `/admin/letters/${letter.slug}` : '/admin/letters'} class="sign">
        <CsrfField value={props.csrf} />
        {text('title', 'Title')}
        {text('slug', 'Slug', 'The address of the letter: /l/slug. Links in emails and embeds use it.')}
        {text('summary', 'Summary (for link previews)')}
        {text('organisedBy', 'Organised by (optional)', 'Who is behind the letter, on one line: shown under the title as “Organised by …”.')}
        {text('addressee', 'Addressed to (optional)', 'To whom the letter is addressed, on one line: shown as “To …”.')}
        {text('publishedOn', 'Date of the letter (optional)', 'The day the letter is dated, shown under the title.', 'date')}
        {text(
          'deadline',
          'Deadline, in UTC (optional)',
          deadlinePassed
            ? 'Passed: the letter is closed and takes no signatures. Move the deadline, or clear it, to open it again.'
            : 'From this moment the letter takes no signatures, without anyone closing it; the page counts down to it.',
          'datetime-local',
        )}
        <div class="field">
          <label for="field-body">Text (Markdown)</label>
          <textarea id="field-body" name="body" rows={18}>
            {values.body ?? ''}
          </textarea>
        </div>
        {text('lang', 'Language of this text (e.g. en, be, ru, uk)')}
        {text('goal', 'Signature goal (optional)')}
        {text(
          'listThresholds',
          'Listing thresholds (optional)',
          'Counts a signer may choose to wait for before their name is listed, digits only, e.g. 100 1000 10000.',
        )}
        {text(
          'listDelayHours',
          'Hours a threshold must hold before waiting names are listed',
          'Time to find and hide made-up signatures that push the count over a threshold before anyone’s name is released. Default 24.',
        )}
        {text(
          'anonymiseAfterDays',
          'Delete signers’ email addresses this many days after the letter closes (optional)',
          'Names, the count and the public list stay; no one can then be written to or found by email.',
        )}
        <div class="field">
          <label for="field-status">Status</label>
          <select id="field-status" name="status">
            {['draft', 'open', 'closed'].map((status) => (
              <option value={status} selected={values.status === status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="field-proofOfWork" name="proofOfWork" type="checkbox" value="true" checked={values.proofOfWork === 'true'} />
          <label for="field-proofOfWork">Ask every signer for a proof of work</label>
          <p class="hint">
            Their browser works for a second or two before the form is sent, which makes signing in bulk costly. It is asked anyway
            while the letter gets more signings a minute than the site allows; without JavaScript, fewer signings per address are
            taken.
          </p>
        </div>
        <fieldset>
          <legend>Optional fields of the sign form</legend>
          {OPTIONAL_FIELDS.map((field) => (
            <div class="field">
              <label for={`field-field_${field}`}>{field}</label>
              <select id={`field-field_${field}`} name={`field_${field}`}>
                {['off', 'optional', 'required'].map((use) => (
                  <option value={use} selected={(values[`field_${field}`] ?? 'optional') === use}>
                    {use}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <button type="submit">{letter ? 'Save' : 'Create'}</button>
      </form>
      {letter && props.translations && <Translations letter={letter} csrf={props.csrf} translations={props.translations} />}
      {props.audit && (
        <>
          <h2>Audit log of this letter</h2>
          <AuditTable entries={props.audit} />
        </>
      )}
    </AdminLayout>
  );
}

function Translations(props: { letter: Letter; csrf: string; translations: NonNullable<Props['translations']> }) {
  const action = `/admin/letters/${props.letter.slug}/translations`;
  return (
    <section>
      <h2>Other languages</h2>
      {props.translations.map((t) => (
        <form method="post" action={action} class="translation">
          <CsrfField value={props.csrf} />
          <input type="hidden" name="lang" value={t.lang} />
          <h3>{t.lang}</h3>
          <TranslationFields
            lang={t.lang}
            title={t.title}
            body={t.body}
            summary={t.summary ?? ''}
            organisedBy={t.organisedBy ?? ''}
            addressee={t.addressee ?? ''}
          />
          <button type="submit">Save {t.lang}</button>{' '}
          <button type="submit" name="remove" value="1" class="danger">
            Remove {t.lang}
          </button>
        </form>
      ))}
      <form method="post" action={action} class="translation">
        <CsrfField value={props.csrf} />
        <h3>Add a language</h3>
        <div class="field">
          <label for="field-new-lang">Language tag</label>
          <input id="field-new-lang" name="lang" type="text" />
        </div>
        <TranslationFields lang="new" title="" body="" summary="" organisedBy="" addressee="" />
        <button type="submit">Add</button>
      </form>
    </section>
  );
}

function TranslationFields(props: { lang: string; title: string; body: string; summary: string; organisedBy: string; addressee: string }) {
  const id = (name: string) => `field-${props.lang}-${name}`;
  return (
    <>
      <div class="field">
        <label for={id('title')}>Title</label>
        <input id={id('title')} name="title" type="text" value={props.title} />
      </div>
      <div class="field">
        <label for={id('summary')}>Summary</label>
        <input id={id('summary')} name="summary" type="text" value={props.summary} />
      </div>
      <div class="field">
        <label for={id('organisedBy')}>Organised by (empty: as in the letter)</label>
        <input id={id('organisedBy')} name="organisedBy" type="text" value={props.organisedBy} />
      </div>
      <div class="field">
        <label for={id('addressee')}>Addressed to (empty: as in the letter)</label>
        <input id={id('addressee')} name="addressee" type="text" value={props.addressee} />
      </div>
      <div class="field">
        <label for={id('body')}>Text (Markdown)</label>
        <textarea id={id('body')} name="body" rows={10}>
          {props.body}
        </textarea>
      </div>
    </>
  );
}
