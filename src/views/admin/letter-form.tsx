import { OPTIONAL_FIELDS } from '../../domain/letter-input.ts';
import type { AuditEntry, Letter, MailDelivery } from '../../domain/entities.ts';
import type { PageLanguage } from '../page-language.ts';
import { AuditTable } from './audit.tsx';
import { AdminLayout, CsrfField, FieldErrors, type AdminPageProps } from './layout.tsx';
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

interface Props extends AdminPageProps {
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
  const { values, letter, language } = props;
  const a = language.m.admin;
  const t = a.letterForm;
  const text = (name: string, label: string, hint?: string, type = 'text') => (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      {hint && <p class="hint">{hint}</p>}
      <input id={`field-${name}`} name={name} type={type} value={values[name] ?? ''} />
    </div>
  );
  const deadlinePassed = letter?.deadline && letter.deadline <= props.now && letter.status === 'open';
  return (
    <AdminLayout
      title={letter ? t.editTitle(letter.title) : t.newTitle}
      organizer={props.organizer}
      csrf={props.csrf}
      language={language}
      path={letter ? `/admin/letters/${letter.slug}` : '/admin/new-letter'}
    >
      {letter && (
        <p>
          <a href={`/admin/letters/${letter.slug}/preview`}>{t.preview}</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/growth`}>{t.growth}</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/signatures`}>{t.signatures(letter.signatureCount)}</a> ·{' '}
          <a href={`/admin/letters/${letter.slug}/deliver`}>{t.deliver}</a>
          {letter.status !== 'draft' && (
            <>
              {' '}
              · <a href={`/l/${letter.slug}`}>{t.publicPage}</a>
            </>
          )}
        </p>
      )}
      {props.mailDelivery && <MailDeliverySection delivery={props.mailDelivery} language={language} />}
      <FieldErrors errors={props.errors} language={language} />
      <form method="post" action={letter ? `/admin/letters/${letter.slug}` : '/admin/letters'} class="sign">
        <CsrfField value={props.csrf} />
        {text('title', t.title)}
        {text('slug', t.slug, t.slugHint)}
        {text('summary', t.summary)}
        {text('organisedBy', t.organisedBy, t.organisedByHint)}
        {text('addressee', t.addressee, t.addresseeHint)}
        {text('publishedOn', t.publishedOn, t.publishedOnHint, 'date')}
        {text('deadline', t.deadline, deadlinePassed ? t.deadlinePassed : t.deadlineHint, 'datetime-local')}
        <div class="field">
          <label for="field-body">{t.body}</label>
          <textarea id="field-body" name="body" rows={18}>
            {values.body ?? ''}
          </textarea>
        </div>
        {text('lang', t.lang)}
        {text('goal', t.goal)}
        {text('listThresholds', t.listThresholds, t.listThresholdsHint)}
        {text('listDelayHours', t.listDelayHours, t.listDelayHoursHint)}
        {text('anonymiseAfterDays', t.anonymiseAfterDays, t.anonymiseAfterDaysHint)}
        <div class="field">
          <label for="field-status">{t.status}</label>
          <select id="field-status" name="status">
            {(['draft', 'open', 'closed'] as const).map((status) => (
              <option value={status} selected={values.status === status}>
                {a.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="field-proofOfWork" name="proofOfWork" type="checkbox" value="true" checked={values.proofOfWork === 'true'} />
          <label for="field-proofOfWork">{t.proofOfWork}</label>
          <p class="hint">{t.proofOfWorkHint}</p>
        </div>
        <fieldset>
          <legend>{t.optionalFields}</legend>
          {OPTIONAL_FIELDS.map((field) => (
            <div class="field">
              <label for={`field-field_${field}`}>{a.optionalFields[field]}</label>
              <select id={`field-field_${field}`} name={`field_${field}`}>
                {(['off', 'optional', 'required'] as const).map((use) => (
                  <option value={use} selected={(values[`field_${field}`] ?? 'optional') === use}>
                    {a.fieldUses[use]}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <button type="submit">{letter ? t.save : t.create}</button>
      </form>
      {letter && props.translations && <Translations letter={letter} csrf={props.csrf} translations={props.translations} language={language} />}
      {props.audit && (
        <>
          <h2>{t.auditLog}</h2>
          <AuditTable entries={props.audit} language={language} />
        </>
      )}
    </AdminLayout>
  );
}

function Translations(props: { letter: Letter; csrf: string; translations: NonNullable<Props['translations']>; language: PageLanguage }) {
  const m = props.language.m.admin.letterForm;
  const action = `/admin/letters/${props.letter.slug}/translations`;
  return (
    <section>
      <h2>{m.otherLanguages}</h2>
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
            language={props.language}
          />
          <button type="submit">{m.saveLanguage(t.lang)}</button>{' '}
          <button type="submit" name="remove" value="1" class="danger">
            {m.removeLanguage(t.lang)}
          </button>
        </form>
      ))}
      <form method="post" action={action} class="translation">
        <CsrfField value={props.csrf} />
        <h3>{m.addLanguage}</h3>
        <div class="field">
          <label for="field-new-lang">{m.languageTag}</label>
          <input id="field-new-lang" name="lang" type="text" />
        </div>
        <TranslationFields lang="new" title="" body="" summary="" organisedBy="" addressee="" language={props.language} />
        <button type="submit">{m.add}</button>
      </form>
    </section>
  );
}

function TranslationFields(props: { lang: string; title: string; body: string; summary: string; organisedBy: string; addressee: string; language: PageLanguage }) {
  const m = props.language.m.admin.letterForm;
  const id = (name: string) => `field-${props.lang}-${name}`;
  return (
    <>
      <div class="field">
        <label for={id('title')}>{m.title}</label>
        <input id={id('title')} name="title" type="text" value={props.title} />
      </div>
      <div class="field">
        <label for={id('summary')}>{m.translationSummary}</label>
        <input id={id('summary')} name="summary" type="text" value={props.summary} />
      </div>
      <div class="field">
        <label for={id('organisedBy')}>{m.translationOrganisedBy}</label>
        <input id={id('organisedBy')} name="organisedBy" type="text" value={props.organisedBy} />
      </div>
      <div class="field">
        <label for={id('addressee')}>{m.translationAddressee}</label>
        <input id={id('addressee')} name="addressee" type="text" value={props.addressee} />
      </div>
      <div class="field">
        <label for={id('body')}>{m.body}</label>
        <textarea id={id('body')} name="body" rows={10}>
          {props.body}
        </textarea>
      </div>
    </>
  );
}
