import type { AdminSignature, Letter, Organizer } from '../../domain/entities.ts';
import { ONE_LINE_MAX } from '../../domain/one-line-text.ts';
import { SIGNATURE_STATES, signatureStateOf, type SignatureState } from '../../domain/signature-state.ts';
import { AdminLayout, CsrfField, Outcome, type ActionOutcome } from './layout.tsx';

interface Props extends ActionOutcome {
  organizer: Organizer;
  csrf: string;
  letter: Letter;
  signatures: AdminSignature[];
  filter: { state?: SignatureState | undefined; query?: string | undefined };
  next: string | null;
}

export function SignaturesPage(props: Props) {
  const { letter, filter } = props;
  const base = `/admin/letters/${letter.slug}/signatures`;
  const nextQuery = new URLSearchParams({
    ...(filter.state && { state: filter.state }),
    ...(filter.query && { q: filter.query }),
    ...(props.next && { before: props.next }),
  });
  return (
    <AdminLayout title={`Signatures: ${letter.title}`} organizer={props.organizer} csrf={props.csrf}>
      <p>
        <a href={`/admin/letters/${letter.slug}`}>Back to the letter</a> · counted: {letter.signatureCount}
      </p>
      <Outcome message={props.message} errors={props.errors} />
      <form method="get" action={base} class="filters">
        <label for="filter-state">State</label>{' '}
        <select id="filter-state" name="state">
          <option value="">all</option>
          {SIGNATURE_STATES.map((state) => (
            <option value={state} selected={filter.state === state}>
              {state}
            </option>
          ))}
        </select>{' '}
        <label for="filter-q">Name, organisation or email</label>{' '}
        <input id="filter-q" name="q" type="search" value={filter.query ?? ''} /> <button type="submit">Search</button>
      </form>
      <form method="post" action={base}>
        <CsrfField value={props.csrf} />
        <table class="signatures">
          <thead>
            <tr>
              <th scope="col">Select</th>
              <th scope="col">Name</th>
              <th scope="col">Title, organisation, city</th>
              <th scope="col">Email</th>
              <th scope="col">State</th>
              <th scope="col">Listed</th>
              <th scope="col">Verified domain</th>
              <th scope="col">Notable</th>
            </tr>
          </thead>
          <tbody>
            {props.signatures.map((s) => (
              <tr>
                <td>
                  <input type="checkbox" name="ids" value={String(s.id)} aria-label={`Select signature ${s.id}`} />
                </td>
                <td>{s.name ?? '(withdrawn)'}</td>
                <td>{[s.title, s.organisation, s.city].filter(Boolean).join(', ')}</td>
                <td>{s.email ?? ''}</td>
                <td>{signatureStateOf(s) === 'hidden' ? `hidden (${s.status})` : s.status}</td>
                <td>{s.listed ? (s.listThreshold ? `from ${s.listThreshold} signatures` : 'yes') : 'no'}</td>
                <td>{s.emailDomain ? `@${s.emailDomain}` : ''}</td>
                <td>{s.notable ? `yes: ${s.notableNote ?? ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.signatures.length === 0 && <p>No signatures match.</p>}
        <label for="bulk-action">With the selected:</label>{' '}
        <select id="bulk-action" name="action">
          <option value="hide">hide</option>
          <option value="unhide">unhide</option>
          <option value="notable">mark notable</option>
          <option value="unnotable">unmark notable</option>
        </select>{' '}
        <div class="field">
          <label for="field-note">How the organizers verified them (needed to mark notable; shown publicly)</label>
          <input id="field-note" name="note" type="text" maxlength={ONE_LINE_MAX.note} placeholder="e.g. work email at company.by; public statement: https://…" />
        </div>
        <button type="submit">Apply</button>
      </form>
      {props.next && (
        <p>
          <a href={`${base}?${nextQuery}`}>Older signatures</a>
        </p>
      )}
    </AdminLayout>
  );
}
