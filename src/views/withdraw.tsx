import type { Withdrawal } from '../domain/withdraw.ts';
import { LetterLink } from './confirm.tsx';
import { MessagePage } from './layout.tsx';

export function WithdrawPage(props: { token: string; withdrawal: Withdrawal }) {
  const { state, subject } = props.withdrawal;
  if (state === 'ready') {
    return (
      <MessagePage title="Withdraw your signature">
        <p>
          Do you want to withdraw your signature from <LetterLink subject={subject} />? Your name and all
          the details you gave will be deleted, and you will no longer be counted.
        </p>
        <form method="post" action={`/withdraw/${props.token}`}>
          <button type="submit" class="danger">
            Withdraw my signature
          </button>
        </form>
      </MessagePage>
    );
  }
  return (
    <MessagePage title={state === 'withdrawn' ? 'Signature withdrawn' : 'Already withdrawn'}>
      <p>
        {state === 'withdrawn'
          ? 'Your signature has been withdrawn and your details deleted'
          : 'This signature has already been withdrawn and its details deleted'}{' '}
        from <LetterLink subject={subject} />.
      </p>
    </MessagePage>
  );
}
