import type { Child } from 'hono/jsx';
import type { Organizer } from '../../domain/entities.ts';
import { Head } from '../head.ts';

export function AdminLayout(props: { title: string; organizer?: Organizer; csrf: string; children: Child }) {
  return (
    <html lang="en">
      <Head title={`${props.title} · Undersigned admin`} stylesheet="/style.css" meta={[{ name: 'robots', content: 'noindex' }]} />
      <body class="admin">
        <header class="site">
          <a href="/admin" class="brand">
            Undersigned admin
          </a>
          {props.organizer && (
            <form method="post" action="/admin/logout" class="inline">
              <CsrfField value={props.csrf} />
              <span>{props.organizer.name}</span> <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function CsrfField(props: { value: string }) {
  return <input type="hidden" name="csrf" value={props.value} />;
}

/** What an organizer's last action came to: a line saying what changed, or what to correct. */
export interface ActionOutcome {
  message?: string | undefined;
  errors?: Record<string, string> | undefined;
}

export function Outcome(props: ActionOutcome) {
  return (
    <>
      {props.message && (
        <p class="notice" role="status">
          {props.message}
        </p>
      )}
      <FieldErrors errors={props.errors ?? {}} />
    </>
  );
}

export function FieldErrors(props: { errors: Record<string, string> }) {
  const problems = Object.entries(props.errors);
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>Please check the form</h2>
      <ul>
        {problems.map(([field, message]) => (
          <li>
            <a href={`#field-${field}`}>{field === '_' ? message : `${field}: ${message}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
