import { useLanguage } from './language-context.tsx';
import { MessagePage } from './layout.tsx';

export function ErrorPage(props: { title: string; message: string }) {
  return (
    <MessagePage title={props.title}>
      <p>{props.message}</p>
      <p>
        <a href="/">{useLanguage().m.home}</a>
      </p>
    </MessagePage>
  );
}
