import type { Letter } from '../domain/entities.ts';
import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';
import { Share } from './share.tsx';
import { ScriptTag } from './head.ts';

/**
 * The one answer every signing gets, whatever the state of the address (no enumeration): what happens
 * next, what to do when no mail comes, and ways to pass the letter on. The page knows no address: with
 * JavaScript, /resend.js fills its resend form from the fields the sign form kept in this tab and shows
 * it; without, or with nothing kept, the reader keeps the link back to the letter's form.
 */
export function CheckEmailPage(props: { language: PageLanguage; letter: Letter; publicUrl: string }) {
  const { m } = props.language;
  const { letter } = props;
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
      <div class="resend">
        <form method="post" action={`/l/${letter.slug}/sign`} hidden>
          <p>{m.resendHint}</p>
          <button type="submit">{m.resendButton}</button>
        </form>
        <p class="resent" role="status" hidden>
          {m.resentNote}
        </p>
        <p class="sign-again">
          <a href={`/l/${letter.slug}`}>{m.signAgainHint}</a>
        </p>
        <ScriptTag src="/resend.js" />
      </div>
      <Share language={props.language} letter={letter} publicUrl={props.publicUrl} />
    </MessagePage>
  );
}
