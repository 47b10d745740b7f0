import type { Letter } from '../domain/entities.ts';
import { Layout } from './layout.tsx';
import type { PageLanguage } from './page-language.ts';

export function HomePage(props: { language: PageLanguage; letters: Letter[] }) {
  const { m, signatures } = props.language;
  return (
    <Layout language={props.language} title={`Undersigned · ${m.openLetters}`}>
      <h1>{m.openLetters}</h1>
      {props.letters.length === 0 ? (
        <p>{m.noOpenLetters}</p>
      ) : (
        <ul class="letters">
          {props.letters.map((letter) => (
            <li>
              <a href={`/l/${letter.slug}`}>{letter.title}</a>
              <span class="count-inline">{signatures(letter.signatureCount)}</span>
              {letter.summary && <p>{letter.summary}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
