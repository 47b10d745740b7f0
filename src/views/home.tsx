import type { Letter } from '../domain/store.ts';
import { signaturesText } from './count-text.ts';
import { Layout } from './layout.tsx';

export function HomePage(props: { letters: Letter[] }) {
  return (
    <Layout title="Undersigned · open letters">
      <h1>Open letters</h1>
      {props.letters.length === 0 ? (
        <p>There are no open letters right now.</p>
      ) : (
        <ul class="letters">
          {props.letters.map((letter) => (
            <li>
              <a href={`/l/${letter.slug}`}>{letter.title}</a>
              <span class="count-inline">{signaturesText(letter.signatureCount)}</span>
              {letter.summary && <p>{letter.summary}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
