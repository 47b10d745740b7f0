import { MessagePage } from './layout.tsx';

export function ErrorPage(props: { title: string; message: string }) {
  return (
    <MessagePage title={props.title}>
      <p>{props.message}</p>
      <p>
        <a href="/">Go to the list of open letters</a>
      </p>
    </MessagePage>
  );
}
