import type { Confirmation } from '../domain/confirm.ts';
import type { TokenSubject } from '../domain/store.ts';
import { exactCount } from '../domain/count-display.ts';
import { listingChoice } from '../i18n/index.ts';
import { useLanguage } from './language-context.tsx';
import { MessagePage } from './layout.tsx';

export function ConfirmPage(props: { token: string; confirmation: Confirmation }) {
  const { m } = useLanguage();
  const { state, subject } = props.confirmation;
  if (state === 'ready') {
    return (
      <MessagePage title={m.confirmTitle}>
        <p>
          {m.confirmAbout} <LetterLink subject={subject} /> {m.confirmAs} <strong>{subject.name}</strong>.
        </p>
        <ListingChoice subject={subject} />
        <form method="post" action={`/verify/${props.token}`}>
          <button type="submit">{m.confirmButton}</button>
        </form>
      </MessagePage>
    );
  }
  return (
    <MessagePage title={state === 'confirmed' ? m.thankYou : m.alreadyConfirmedTitle}>
      <p class="signatory-number">
        {state === 'confirmed' ? m.confirmed : m.alreadyConfirmed}{' '}
        {m.signatoryNumber(subject.signatoryNumber ?? 0, subject.letter.title)}
      </p>
      <p>
        <LetterLink subject={subject} />
      </p>
      <ListingChoice subject={subject} />
      <p>{m.withdrawLater}</p>
    </MessagePage>
  );
}

export function LetterLink(props: { subject: TokenSubject }) {
  return <a href={`/l/${props.subject.letter.slug}`}>{props.subject.letter.title}</a>;
}

/** What the signer chose about the public list and their email domain. */
function ListingChoice(props: { subject: TokenSubject }) {
  const { lang, m } = useLanguage();
  return (
    <>
      {listingChoice(m, props.subject, (n) => exactCount(n, lang)).map((line) => (
        <p>{line}</p>
      ))}
    </>
  );
}
