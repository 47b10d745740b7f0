import type { Withdrawal } from '../domain/withdraw.ts';
import { LetterLink } from './confirm.tsx';
import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';

export function WithdrawPage(props: { language: PageLanguage; token: string; withdrawal: Withdrawal }) {
  const { m } = props.language;
  const { state, subject } = props.withdrawal;
  if (state === 'ready') {
    return (
      <MessagePage language={props.language} title={m.withdrawTitle}>
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
    <MessagePage language={props.language} title={state === 'withdrawn' ? m.withdrawnTitle : m.alreadyWithdrawnTitle}>
      <p>{state === 'withdrawn' ? m.withdrawn(subject.letter.title) : m.alreadyWithdrawn(subject.letter.title)}</p>
      <p>
        <LetterLink subject={subject} />
      </p>
    </MessagePage>
  );
}
