import type { Letter } from '../domain/entities.ts';
import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';

/** The one answer every signing gets, whatever the state of the address (no enumeration). */
export function CheckEmailPage(props: { language: PageLanguage; letter: Letter }) {
  const { m } = props.language;
  return (
    <MessagePage language={props.language} title={m.checkEmailTitle}>
      <p>
        {m.checkEmailBody} <a href={`/l/${props.letter.slug}`}>{props.letter.title}</a>.
      </p>
      <p>{m.checkEmailSpam}</p>
    </MessagePage>
  );
}
