import type { AuditEntry } from '../../domain/entities.ts';
import { COMMAND_LINE } from '../../domain/organizers.ts';
import type { PageLanguage } from '../page-language.ts';

/** The audit log: a table on a wide screen, a card per entry on a phone (each cell names its column). */
export function AuditTable(props: { entries: AuditEntry[]; language: PageLanguage }) {
  const t = props.language.m.admin.audit;
  if (props.entries.length === 0) return <p>{t.empty}</p>;
  return (
    <table class="audit cards">
      <thead>
        <tr>
          <th scope="col">{t.when}</th>
          <th scope="col">{t.who}</th>
          <th scope="col">{t.what}</th>
          <th scope="col">{t.letter}</th>
          <th scope="col">{t.details}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr>
            <td data-label={t.when}>
              <time datetime={entry.at.toISOString()}>{entry.at.toISOString().replace('T', ' ').slice(0, 19)}</time>
            </td>
            <td data-label={t.who}>{entry.actor === COMMAND_LINE.name ? t.commandLine : entry.actor}</td>
            <td data-label={t.what}>
              <code>{entry.action}</code>
            </td>
            <td data-label={t.letter}>{entry.letter && <code>{entry.letter}</code>}</td>
            <td data-label={t.details}>
              <code>{JSON.stringify(entry.detail)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
