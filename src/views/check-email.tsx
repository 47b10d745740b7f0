import type { Letter } from '../domain/entities.ts';
import { useLanguage } from './language-context.tsx';
import { MessagePage } from './layout.tsx';

/** The one answer every signing gets, whatever the state of the address (no enumeration). */
export function CheckEmailPage(props: { letter: Letter }) {
  const { m } = useLanguage();
  return (
    <MessagePage title={m.checkEmailTitle}>
      <p>
        {m.checkEmailBody} <a href={`/l/${props.letter.slug}`}>{props.letter.title}</a>.
      </p>
      <p>{m.checkEmailSpam}</p>
    </MessagePage>
  );
}
