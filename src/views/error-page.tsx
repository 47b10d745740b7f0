import type { PageLanguage } from './page-language.ts';
import { MessagePage } from './layout.tsx';

export function ErrorPage(props: { language: PageLanguage; title: string; message: string }) {
  return (
    <MessagePage language={props.language} title={props.title}>
      <p>{props.message}</p>
      <p>
        <a href="/">{props.language.m.home}</a>
      </p>
    </MessagePage>
  );
}
