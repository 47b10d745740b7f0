import type { Confirmation } from '../domain/confirm.ts';
import type { TokenSubject } from '../domain/store.ts';
import { useLanguage } from './language-context.ts';
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
        <p>{subject.listed ? m.willBeListed : m.willNotBeListed}</p>
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
      <p>{m.withdrawLater}</p>
    </MessagePage>
  );
}

export function LetterLink(props: { subject: TokenSubject }) {
  return <a href={`/l/${props.subject.letter.slug}`}>{props.subject.letter.title}</a>;
}
