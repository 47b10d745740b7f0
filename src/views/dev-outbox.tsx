import type { MailMessage } from '../domain/mail.ts';
import { MessagePage } from './layout.tsx';
import type { PageLanguage } from './page-language.ts';

/** Development only: the mail that would have been sent, for a machine with no SMTP server. */
export function DevOutboxPage(props: { language: PageLanguage; messages: readonly MailMessage[] }) {
  return (
    <MessagePage language={props.language} title="Development outbox">
      <p>No SMTP server is configured, so mail is kept here instead of sent. This page does not exist in production.</p>
      {props.messages.length === 0 && <p>No mail yet.</p>}
      {props.messages.map((message) => (
        <article class="mail">
          <h2>{message.subject}</h2>
          <p>To: {message.to}</p>
          <pre>{linkify(message.text)}</pre>
        </article>
      ))}
    </MessagePage>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}
