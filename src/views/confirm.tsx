import type { Confirmation } from '../domain/confirm.ts';
import type { TokenSubject } from '../domain/entities.ts';
import { exactCount } from '../domain/count-display.ts';
import { listingChoice } from '../i18n/index.ts';
import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';
import { Share, type SharedLetter } from './share.tsx';
import { fieldUse, SIGNER_FIELDS, TextField } from './signer-fields.tsx';

/**
 * The confirm page. While the link can confirm, it shows the request's details in fields the signer
 * may correct, and its choices to keep or take back; `form` holds what was sent when it was refused.
 */
export function ConfirmPage(props: {
  language: PageLanguage;
  token: string;
  confirmation: Confirmation;
  form?: { values: Record<string, string>; errors: Record<string, string> };
  /** Once confirmed: the letter to offer to pass on. */
  share?: { letter: SharedLetter; publicUrl: string };
}) {
  const { m } = props.language;
  const { outcome, subject } = props.confirmation;
  if (outcome === 'ready') {
    const errors = props.form?.errors ?? {};
    const formFields = props.confirmation.formFields ?? {};
    return (
      <MessagePage language={props.language} title={m.confirmTitle} description={m.confirmDescription(subject.letter.title)}>
        <p>
          {m.confirmAbout} <LetterLink subject={subject} />.
        </p>
        <form method="post" action={`/confirm/${props.token}`}>
          <input type="hidden" name="choices" value="1" />
          <p>{m.confirmCheck}</p>
          <div class="details">
            {SIGNER_FIELDS.map(({ name, ...field }) => {
              const use = fieldUse(formFields, name);
              // The address is what the link proves: it is not a detail to correct.
              if (name === 'email' || use === 'off') return null;
              return (
                <TextField
                  language={props.language}
                  field={{ name, ...field }}
                  id={`detail-${name}`}
                  required={use === 'required'}
                  value={props.form?.values[name] ?? subject[name] ?? ''}
                  error={errors[name] && (m.fieldErrors[name] ?? m.fieldErrors.other!)}
                />
              );
            })}
          </div>
          <KeptChoices language={props.language} subject={subject} />
          <button type="submit">{m.confirmButton}</button>
        </form>
      </MessagePage>
    );
  }
  return (
    <MessagePage
      language={props.language}
      title={outcome === 'confirmed' ? m.thankYou : m.alreadyConfirmedTitle}
      description={m.confirmDescription(subject.letter.title)}
    >
      <p class="signatory-number">
        {outcome === 'confirmed' ? m.confirmed : m.alreadyConfirmed}{' '}
        {m.signatoryNumber(subject.signatoryNumber ?? 0, subject.letter.title)}
      </p>
      <p>
        <LetterLink subject={subject} />
      </p>
      <ListingChoice language={props.language} subject={subject} />
      <p>{m.withdrawLater}</p>
      {props.share && <Share language={props.language} {...props.share} />}
    </MessagePage>
  );
}

export function LetterLink(props: { subject: TokenSubject }) {
  return <a href={`/l/${props.subject.letter.slug}`}>{props.subject.letter.title}</a>;
}

/**
 * The request's choices about the public list and the email domain, which the person confirming may
 * take back (never add: the server only ever narrows them).
 */
function KeptChoices(props: { language: PageLanguage; subject: TokenSubject }) {
  const { lang, m } = props.language;
  const { listed, listThreshold, emailDomain } = props.subject;
  if (!listed && !emailDomain) return <ListingChoice language={props.language} subject={props.subject} />;
  const listAs = listThreshold ? m.listAt(exactCount(listThreshold, lang)) : m.listNow;
  return (
    <>
      {listed ? (
        <fieldset class="field">
          <legend>{m.listing}</legend>
          {[
            ['yes', listAs],
            ['no', m.listNever],
          ].map(([value, label]) => (
            <div class="checkbox">
              <input id={`keep-listed-${value}`} name="list" type="radio" value={value} checked={value === 'yes'} />
              <label for={`keep-listed-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <p>{m.willNotBeListed}</p>
      )}
      {emailDomain && (
        <div class="field checkbox">
          <input id="keep-domain" name="showDomain" type="checkbox" value="true" checked />
          <label for="keep-domain">{m.showDomainAs(emailDomain)}</label>
        </div>
      )}
    </>
  );
}

/** What the signer chose about the public list and their email domain. */
function ListingChoice(props: { language: PageLanguage; subject: TokenSubject }) {
  const { lang, m } = props.language;
  return (
    <>
      {listingChoice(m, props.subject, (n) => exactCount(n, lang)).map((line) => (
        <p>{line}</p>
      ))}
    </>
  );
}
