import type { AuditEntry, Letter, MailAlarm, Organizer } from '../../domain/entities.ts';
import { AuditTable } from './audit.tsx';
import { AdminLayout } from './layout.tsx';
import { MailAlarmNotice } from './mail-delivery.tsx';

export function DashboardPage(props: { organizer: Organizer; csrf: string; letters: Letter[]; audit: AuditEntry[]; mailAlarm: MailAlarm | undefined }) {
  return (
    <AdminLayout title="Letters" organizer={props.organizer} csrf={props.csrf}>
      <MailAlarmNotice alarm={props.mailAlarm} />
      <p>
        <a href="/admin/new-letter">Write a new letter</a> · <a href="/admin/domains">Organisations of email domains</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Letter</th>
            <th scope="col">Status</th>
            <th scope="col">Count</th>
            <th scope="col">Manage</th>
          </tr>
        </thead>
        <tbody>
          {props.letters.map((letter) => (
            <tr>
              <td>
                <a href={`/admin/letters/${letter.slug}`}>{letter.title}</a>
              </td>
              <td>{letter.status}</td>
              <td>{letter.signatureCount}</td>
              <td>
                <a href={`/admin/letters/${letter.slug}/growth`}>dashboard</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/signatures`}>signatures</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/export.csv`}>CSV</a> ·{' '}
                <a href={`/admin/letters/${letter.slug}/export.jsonl`}>JSON Lines</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Audit log</h2>
      <AuditTable entries={props.audit} />
    </AdminLayout>
  );
}
