import type { Letter } from '../domain/store.ts';
import { useLanguage } from './language-context.ts';
import { Goal, LiveCount } from './letter.tsx';

/** The widget for an iframe on another site: title, live count, goal, and a link to sign. Tiny. */
export function EmbedPage(props: { letter: Letter; url: string; streamUrl?: string | undefined }) {
  const { letter } = props;
  const { lang, m, signatures } = useLanguage();
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{letter.title}</title>
        <link rel="stylesheet" href="/embed.css" />
        <script src="/live-count.js" defer />
      </head>
      <body>
        <p class="title">{letter.title}</p>
        <p class="count">
          <LiveCount letter={letter} streamUrl={props.streamUrl}>
            {signatures(letter.signatureCount)}
          </LiveCount>
        </p>
        {letter.goal !== null && <Goal count={letter.signatureCount} goal={letter.goal} />}
        {letter.state === 'open' && (
          <a class="sign" href={props.url} target="_blank" rel="noopener">
            {m.signTheLetter}
          </a>
        )}
      </body>
    </html>
  );
}
