import { SEARCH_MAX_CHARACTERS, SEARCH_MIN_CHARACTERS, type DomainAggregate, type PublicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/entities.ts';
import type { PageLanguage } from './page-language.ts';
import { Layout } from './layout.tsx';
import { DomainCounts, Others, SignatureList, Waiting } from './letter.tsx';

export function SignatoriesPage(props: {
  language: PageLanguage;
  letter: Letter;
  page: PublicPage;
  query: string | undefined;
  domains: DomainAggregate[];
  /** The search was too short to run. */
  tooShort?: boolean;
}) {
  const { letter, page, query } = props;
  const { m } = props.language;
  const nextHref = page.next && `?${new URLSearchParams({ cursor: page.next, ...(query && { q: query }) })}`;
  return (
    <Layout
      language={props.language}
      title={`${m.signatories} · ${letter.title}`}
      description={m.signatoriesDescription(letter.title)}
    >
      <p>
        <a href={`/l/${letter.slug}`}>{letter.title}</a>
      </p>
      <h1>{m.signatories}</h1>
      <form method="get" action={`/l/${letter.slug}/signatories`} role="search">
        <label for="search-q">{m.searchSignatories}</label>{' '}
        <input id="search-q" name="q" type="search" value={query ?? ''} minlength={SEARCH_MIN_CHARACTERS} maxlength={SEARCH_MAX_CHARACTERS} /> <button type="submit">{m.search}</button>
      </form>
      {page.signatures.length === 0 ? (
        <p>{props.tooShort ? m.searchTooShort : query ? m.noMatch : m.noOneListed}</p>
      ) : (
        <SignatureList language={props.language} signatures={page.signatures} />
      )}
      {!query && page.unlisted > 0 && <Others language={props.language} count={page.unlisted} />}
      {!query && page.waiting > 0 && <Waiting language={props.language} count={page.waiting} />}
      {nextHref && (
        <p>
          <a href={nextHref} rel="next">
            {m.moreSignatories}
          </a>
        </p>
      )}
      {!query && !page.next && <DomainCounts language={props.language} domains={props.domains} />}
    </Layout>
  );
}
