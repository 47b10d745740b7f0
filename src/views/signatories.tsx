import { displayCount } from '../domain/count-display.ts';
import type { PublicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/store.ts';
import { Layout } from './layout.tsx';
import { SignatureList } from './letter.tsx';

export function SignatoriesPage(props: { letter: Letter; page: PublicPage; query: string | undefined }) {
  const { letter, page, query } = props;
  const nextHref = page.next && `?${new URLSearchParams({ cursor: page.next, ...(query && { q: query }) })}`;
  return (
    <Layout title={`Signatories · ${letter.title}`}>
      <p>
        <a href={`/l/${letter.slug}`}>{letter.title}</a>
      </p>
      <h1>Signatories</h1>
      <form method="get" action={`/l/${letter.slug}/signatories`} role="search">
        <label for="search-q">Search by name or organisation</label>{' '}
        <input id="search-q" name="q" type="search" value={query ?? ''} maxlength={100} /> <button type="submit">Search</button>
      </form>
      {page.signatures.length === 0 ? (
        <p>{query ? 'No listed signatory matches.' : 'No one is listed yet.'}</p>
      ) : (
        <SignatureList signatures={page.signatures} />
      )}
      {!query && page.unlisted > 0 && (
        <p>
          and {displayCount(page.unlisted)} {page.unlisted === 1 ? 'other' : 'others'} who chose not to be listed
        </p>
      )}
      {nextHref && (
        <p>
          <a href={nextHref} rel="next">
            More signatories
          </a>
        </p>
      )}
    </Layout>
  );
}
