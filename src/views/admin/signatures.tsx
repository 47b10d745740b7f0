import type { AdminSignature, Letter } from '../../domain/entities.ts';
import { ONE_LINE_MAX } from '../../domain/one-line-text.ts';
import { LISTING_STATUSES, listingStatusOf, type ListingStatus } from '../../domain/listing-status.ts';
import { AdminLayout, CsrfField, Outcome, type ActionOutcome, type AdminPageProps } from './layout.tsx';

interface Props extends ActionOutcome, AdminPageProps {
  letter: Letter;
  signatures: AdminSignature[];
  filter: { status?: ListingStatus | undefined; query?: string | undefined };
  next: string | null;
}

/** The moderation actions, in the order the form offers them. */
const ACTIONS = ['hide', 'unhide', 'notable', 'unnotable'] as const;

export function SignaturesPage(props: Props) {
  const { letter, filter, language } = props;
  const a = language.m.admin;
  const t = a.signatures;
  const status = (s: ListingStatus) => a.listingStatuses[s];
  const base = `/admin/letters/${letter.slug}/signatures`;
  const nextQuery = new URLSearchParams({
    ...(filter.status && { status: filter.status }),
    ...(filter.query && { q: filter.query }),
    ...(props.next && { before: props.next }),
  });
  return (
    <AdminLayout title={t.title(letter.title)} organizer={props.organizer} csrf={props.csrf} language={language} path={base}>
      <p>
        <a href={`/admin/letters/${letter.slug}`}>{a.backToLetter}</a> · {t.counted(letter.signatureCount)}
      </p>
      <Outcome message={props.message} errors={props.errors} language={language} />
      <form method="get" action={base} class="filters">
        <div class="field">
          <label for="filter-status">{t.status}</label>
          <select id="filter-status" name="status">
            <option value="">{t.all}</option>
            {LISTING_STATUSES.map((s) => (
              <option value={s} selected={filter.status === s}>
                {status(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-q">{t.query}</label>
          <input id="filter-q" name="q" type="search" value={filter.query ?? ''} />
        </div>
        <button type="submit">{t.search}</button>
      </form>
      <form method="post" action={base}>
        <CsrfField value={props.csrf} />
        <table class="signatures cards">
          <thead>
            <tr>
              <th scope="col">{t.select}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.details}</th>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.listed}</th>
              <th scope="col">{t.domain}</th>
              <th scope="col">{t.notable}</th>
            </tr>
          </thead>
          <tbody>
            {props.signatures.map((s) => (
              <tr>
                <td class="select">
                  <input type="checkbox" name="ids" value={String(s.id)} aria-label={t.selectOne(String(s.id))} />
                </td>
                <td class="name">{s.name ?? t.withdrawn}</td>
                <td data-label={t.details}>{[s.title, s.organisation, s.city].filter(Boolean).join(', ')}</td>
                <td data-label={t.email}>{s.email ?? ''}</td>
                <td data-label={t.status}>{listingStatusOf(s) === 'hidden' ? t.hiddenAs(status(s.status)) : status(s.status)}</td>
                <td data-label={t.listed}>{s.listed ? (s.listThreshold ? t.listedFrom(s.listThreshold) : t.yes) : t.no}</td>
                <td data-label={t.domain}>{s.emailDomain ? `@${s.emailDomain}` : ''}</td>
                <td data-label={t.notable}>{s.notable ? t.notableNote(s.notableNote ?? '') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.signatures.length === 0 && <p>{t.none}</p>}
        <div class="field">
          <label for="bulk-action">{t.withSelected}</label>
          <select id="bulk-action" name="action">
            {ACTIONS.map((action) => (
              <option value={action}>{t.actions[action]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-note">{t.note}</label>
          <input id="field-note" name="note" type="text" maxlength={ONE_LINE_MAX.note} placeholder={t.notePlaceholder} />
        </div>
        <button type="submit">{t.apply}</button>
      </form>
      {props.next && (
        <p>
          <a href={`${base}?${nextQuery}`}>{t.older}</a>
        </p>
      )}
    </AdminLayout>
  );
}
