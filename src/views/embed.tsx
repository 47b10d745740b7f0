import type { Letter } from '../domain/store.ts';
import { signaturesText } from './count-text.ts';
import { Goal, LiveCount } from './letter.tsx';

/** The widget for an iframe on another site: title, live count, goal, and a link to sign. Tiny. */
export function EmbedPage(props: { letter: Letter; lang: string; url: string; streamUrl?: string | undefined }) {
  const { letter } = props;
  return (
    <html lang={props.lang}>
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
          <LiveCount letter={letter} lang={props.lang} streamUrl={props.streamUrl}>
            {signaturesText(letter.signatureCount, props.lang)}
          </LiveCount>
        </p>
        {letter.goal !== null && <Goal count={letter.signatureCount} goal={letter.goal} lang={props.lang} />}
        {letter.state === 'open' && (
          <a class="sign" href={props.url} target="_blank" rel="noopener">
            Sign the letter
          </a>
        )}
      </body>
    </html>
  );
}
