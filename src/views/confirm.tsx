import type { Confirmation } from '../domain/confirm.ts';
import type { TokenSubject } from '../domain/store.ts';
import { MessagePage } from './layout.tsx';

export function ConfirmPage(props: { token: string; confirmation: Confirmation }) {
  const { state, subject } = props.confirmation;
  if (state === 'ready') {
    return (
      <MessagePage title="Confirm your signature">
        <p>
          You are about to sign <LetterLink subject={subject} /> as <strong>{subject.name}</strong>.
        </p>
        <p>
          {subject.listed
            ? 'Your name will be shown in the public list of signatories.'
            : 'Your name will not be shown publicly; you will only be counted.'}
        </p>
        <form method="post" action={`/verify/${props.token}`}>
          <button type="submit">Confirm my signature</button>
        </form>
      </MessagePage>
    );
  }
  return (
    <MessagePage title={state === 'confirmed' ? 'Thank you for signing' : 'Already confirmed'}>
      <p class="signatory-number">
        {state === 'confirmed' ? 'Your signature is confirmed. ' : 'Your signature was already confirmed. '}
        You are signatory #{subject.signatoryNumber} of <LetterLink subject={subject} />.
      </p>
      <p>You can withdraw your signature at any time with the link in the email we sent you.</p>
    </MessagePage>
  );
}

export function LetterLink(props: { subject: TokenSubject }) {
  return <a href={`/l/${props.subject.letter.slug}`}>{props.subject.letter.title}</a>;
}
