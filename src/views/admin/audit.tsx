import type { AuditEntry } from '../../domain/entities.ts';

export function AuditTable(props: { entries: AuditEntry[] }) {
  if (props.entries.length === 0) return <p>Nothing has been done yet.</p>;
  return (
    <table class="audit">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Letter</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr>
            <td>
              <time datetime={entry.at.toISOString()}>{entry.at.toISOString().replace('T', ' ').slice(0, 19)}</time>
            </td>
            <td>{entry.actor}</td>
            <td>{entry.action}</td>
            <td>{entry.letter ?? ''}</td>
            <td>
              <code>{JSON.stringify(entry.detail)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
