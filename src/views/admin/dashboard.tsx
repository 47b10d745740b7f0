import type { AuditEntry, Letter, MailAlarm } from '../../domain/entities.ts';
import { AuditTable } from './audit.tsx';
import { AdminLayout, type AdminPageProps } from './layout.tsx';
import { MailAlarmNotice } from './mail-delivery.tsx';

export function DashboardPage(props: AdminPageProps & { letters: Letter[]; audit: AuditEntry[]; mailAlarm: MailAlarm | undefined }) {
  const { language } = props;
  const a = language.m.admin;
  const t = a.dashboard;
  return (
    <AdminLayout title={t.title} organizer={props.organizer} csrf={props.csrf} language={language}>
      <MailAlarmNotice alarm={props.mailAlarm} language={language} />
      <p>
        <a href="/admin/new-letter">{t.newLetter}</a> · <a href="/admin/domains">{t.domains}</a>
      </p>
      <table class="letters cards">
        <thead>
          <tr>
            <th scope="col">{t.letter}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.count}</th>
            <th scope="col">{t.manage}</th>
          </tr>
        </thead>
        <tbody>
          {props.letters.map((letter) => (
            <tr>
              <td class="name">
                <a href={`/admin/letters/${letter.slug}`}>{letter.title}</a>
              </td>
              <td data-label={t.status}>{a.statuses[letter.status]}</td>
              <td data-label={t.count}>{letter.signatureCount}</td>
              <td data-label={t.manage} class="actions">
                <a href={`/admin/letters/${letter.slug}/growth`}>{t.growth}</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/signatures`}>{t.signatures}</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/export.csv`}>CSV</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/export.jsonl`}>JSON Lines</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.auditLog}</h2>
      <AuditTable entries={props.audit} language={language} />
    </AdminLayout>
  );
}
