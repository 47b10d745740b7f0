import type { Letter } from '../domain/entities.ts';
import { Head } from './head.ts';
import type { PageLanguage } from './page-language.ts';
import { Goal, LiveCount } from './letter.tsx';
import { LetterMetaLine } from './letter-meta.tsx';

/** The widget for an iframe on another site: title, live count, goal, and a link to sign. Tiny. */
export function EmbedPage(props: { language: PageLanguage; letter: Letter; url: string; now: Date; streamUrl?: string | undefined }) {
  const { letter } = props;
  const { lang, m, signatures } = props.language;
  return (
    <html lang={lang}>
      <Head
        title={letter.title}
        stylesheet="/embed.css"
        meta={[{ name: 'description', content: letter.summary || m.shareText(letter.title) }]}
        scripts={['/live-count.js']}
        icons={false}
      />
      <body>
        <p class="title">{letter.title}</p>
        <LetterMetaLine language={props.language} letter={letter} now={props.now} />
        <p class="count">
          <LiveCount language={props.language} letter={letter} streamUrl={props.streamUrl}>
            {signatures(letter.signatureCount)}
          </LiveCount>
        </p>
        {letter.goal !== null && <Goal language={props.language} count={letter.signatureCount} goal={letter.goal} />}
        {letter.status === 'open' && (
          <a class="sign" href={props.url} target="_blank" rel="noopener">
            {m.signTheLetter}
          </a>
        )}
      </body>
    </html>
  );
}
