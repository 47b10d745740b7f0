import type { Child } from 'hono/jsx';
import type { Organizer } from '../../domain/entities.ts';
import { Head } from '../head.ts';
import { InterfaceLanguages } from '../layout.tsx';
import type { PageLanguage } from '../page-language.ts';

/** What every admin page is given: who is signed in, the form token, the organizer's language. */
export interface AdminPageProps {
  organizer: Organizer;
  csrf: string;
  language: PageLanguage;
}

export function AdminLayout(props: {
  title: string;
  language: PageLanguage;
  organizer?: Organizer;
  csrf: string;
  /** The page's own address for the language links, where the page answers a form posted elsewhere. */
  path?: string;
  children: Child;
}) {
  const { lang, m } = props.language;
  return (
    <html lang={lang}>
      <Head title={`${props.title} · ${m.admin.brand}`} stylesheet="/style.css" meta={[{ name: 'robots', content: 'noindex' }]} />
      <body class="admin">
        <header class="site">
          <a href="/admin" class="brand">
            {m.admin.brand}
          </a>
          <InterfaceLanguages language={props.language} path={props.path} />
          {props.organizer && (
            <form method="post" action="/admin/logout" class="inline sign-out">
              <CsrfField value={props.csrf} />
              <span>{props.organizer.name}</span> <button type="submit">{m.admin.signOut}</button>
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

export function Outcome(props: ActionOutcome & { language: PageLanguage }) {
  return (
    <>
      {props.message && (
        <p class="notice" role="status">
          {props.message}
        </p>
      )}
      <FieldErrors errors={props.errors ?? {}} language={props.language} />
    </>
  );
}

export function FieldErrors(props: { errors: Record<string, string>; language: PageLanguage }) {
  const problems = Object.entries(props.errors);
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{props.language.m.admin.checkTheForm}</h2>
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

/** A moment as the admin pages show them: UTC, to the second. */
export const utc = (at: Date) => `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
