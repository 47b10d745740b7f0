import type { DomainOrganisation, Organizer } from '../../domain/entities.ts';
import { ONE_LINE_MAX } from '../../domain/one-line-text.ts';
import { AdminLayout, CsrfField, Outcome, type ActionOutcome } from './layout.tsx';

interface Props extends ActionOutcome {
  organizer: Organizer;
  csrf: string;
  domains: DomainOrganisation[];
}

/** Which organisation stands behind an email domain, for "verified at Company, @company.by". */
export function DomainsPage(props: Props) {
  return (
    <AdminLayout title="Organisations of email domains" organizer={props.organizer} csrf={props.csrf}>
      <p>
        <a href="/admin">Back to the letters</a>
      </p>
      <p>
        Signers may show that their email domain was verified. Name the organisation behind a domain to show it with the
        domain; leave the organisation empty to stop naming it. Free-mail domains are never an affiliation.
      </p>
      <Outcome message={props.message} errors={props.errors} />
      <form method="post" action="/admin/domains" class="sign">
        <CsrfField value={props.csrf} />
        <div class="field">
          <label for="field-domain">Domain</label>
          <input id="field-domain" name="domain" type="text" placeholder="company.by" />
        </div>
        <div class="field">
          <label for="field-organisation">Organisation</label>
          <input id="field-organisation" name="organisation" type="text" maxlength={ONE_LINE_MAX.detail} />
        </div>
        <button type="submit">Save</button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Organisation</th>
          </tr>
        </thead>
        <tbody>
          {props.domains.map((d) => (
            <tr>
              <td>@{d.domain}</td>
              <td>{d.organisation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
