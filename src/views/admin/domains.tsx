import type { DomainOrganisation } from '../../domain/entities.ts';
import { ONE_LINE_MAX } from '../../domain/one-line-text.ts';
import { AdminLayout, CsrfField, Outcome, type ActionOutcome, type AdminPageProps } from './layout.tsx';

interface Props extends ActionOutcome, AdminPageProps {
  domains: DomainOrganisation[];
}

/** Which organisation stands behind an email domain, for "verified at Company, @company.by". */
export function DomainsPage(props: Props) {
  const { language } = props;
  const t = language.m.admin.domains;
  return (
    <AdminLayout title={t.title} organizer={props.organizer} csrf={props.csrf} language={language} path="/admin/domains">
      <p>
        <a href="/admin">{t.back}</a>
      </p>
      <p>{t.about}</p>
      <Outcome message={props.message} errors={props.errors} language={language} />
      <form method="post" action="/admin/domains" class="sign">
        <CsrfField value={props.csrf} />
        <div class="field">
          <label for="field-domain">{t.domain}</label>
          <input id="field-domain" name="domain" type="text" placeholder="company.by" />
        </div>
        <div class="field">
          <label for="field-organisation">{t.organisation}</label>
          <input id="field-organisation" name="organisation" type="text" maxlength={ONE_LINE_MAX.detail} />
        </div>
        <button type="submit">{t.save}</button>
      </form>
      <table class="domains cards">
        <thead>
          <tr>
            <th scope="col">{t.domain}</th>
            <th scope="col">{t.organisation}</th>
          </tr>
        </thead>
        <tbody>
          {props.domains.map((d) => (
            <tr>
              <td data-label={t.domain}>@{d.domain}</td>
              <td data-label={t.organisation}>{d.organisation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
