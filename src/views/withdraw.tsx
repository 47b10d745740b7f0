import type { Withdrawal } from '../domain/withdraw.ts';
import { LetterLink } from './confirm.tsx';
import { useLanguage } from './language-context.tsx';
import { MessagePage } from './layout.tsx';

export function WithdrawPage(props: { token: string; withdrawal: Withdrawal }) {
  const { m } = useLanguage();
  const { state, subject } = props.withdrawal;
  if (state === 'ready') {
    return (
      <MessagePage title={m.withdrawTitle}>
        <p>{m.withdrawQuestion(subject.letter.title)}</p>
        <form method="post" action={`/withdraw/${props.token}`}>
          <button type="submit" class="danger">
            {m.withdrawButton}
          </button>
        </form>
      </MessagePage>
    );
  }
  return (
    <MessagePage title={state === 'withdrawn' ? m.withdrawnTitle : m.alreadyWithdrawnTitle}>
      <p>{state === 'withdrawn' ? m.withdrawn(subject.letter.title) : m.alreadyWithdrawn(subject.letter.title)}</p>
      <p>
        <LetterLink subject={subject} />
      </p>
    </MessagePage>
  );
}
