import type { Letter } from '../domain/entities.ts';
import { Layout } from './layout.tsx';
import { useLanguage } from './language-context.tsx';

export function HomePage(props: { letters: Letter[] }) {
  const { m, signatures } = useLanguage();
  return (
    <Layout title={`Undersigned · ${m.openLetters}`}>
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
