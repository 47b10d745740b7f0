import type { Letter } from '../domain/store.ts';
import { MessagePage } from './layout.tsx';

/** The one answer every signing gets, whatever the state of the address (no enumeration). */
export function CheckEmailPage(props: { letter: Letter }) {
  return (
    <MessagePage title="Check your email">
      <p>
        We have sent a message to the address you gave. Open the link in it to confirm your signature on{' '}
        <a href={`/l/${props.letter.slug}`}>{props.letter.title}</a>.
      </p>
      <p>Your signature is counted once you confirm it. If nothing arrives, look in your spam folder.</p>
    </MessagePage>
  );
}
