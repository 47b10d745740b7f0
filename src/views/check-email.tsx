import type { Letter } from '../domain/entities.ts';
import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';
import { Share } from './share.tsx';
import { HONEYPOT_FIELD } from './sign-form-fields.ts';

/**
 * The one answer every signing gets, whatever the state of the address (no enumeration): what happens
 * next, what to do when no mail comes, and ways to pass the letter on. As the answer to the form, it
 * can send the same signing again: the person's own fields go back to them only as hidden fields of
 * this answer (no cookie, no link carries the address), and are posted, with the time the form was
 * shown, to the same signing under the same mail allowances: the answer depends on nothing but what
 * was sent. Shown by a link, it has no address and sends the reader to the letter's form.
 */
export function CheckEmailPage(props: { language: PageLanguage; letter: Letter; publicUrl: string; resend?: Record<string, string> }) {
  const { m } = props.language;
  const { letter, resend } = props;
  return (
    <MessagePage language={props.language} title={m.checkEmailTitle}>
      <p>
        {m.checkEmailBody} <a href={`/l/${letter.slug}`}>{letter.title}</a>.
      </p>
      <p>{m.checkEmailNext}</p>
      <h2>{m.noMailTitle}</h2>
      <ul>
        {m.noMailTips.map((tip) => (
          <li>{tip}</li>
        ))}
      </ul>
      {resend ? (
        <form method="post" action={`/l/${letter.slug}/sign`} class="resend">
          <p>{m.resendHint}</p>
          {Object.entries(resend).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name={HONEYPOT_FIELD} value="" />
          <button type="submit">{m.resendButton}</button>
        </form>
      ) : (
        <p>
          <a href={`/l/${letter.slug}`}>{m.signAgainHint}</a>
        </p>
      )}
      <Share language={props.language} letter={letter} publicUrl={props.publicUrl} />
    </MessagePage>
  );
}
