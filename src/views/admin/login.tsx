import { fillTemplate } from '../fill-template.ts';
import type { PageLanguage } from '../page-language.ts';
import { AdminLayout, CsrfField } from './layout.tsx';

export function LoginPage(props: { csrf: string; language: PageLanguage; failed?: boolean }) {
  const t = props.language.m.admin.login;
  return (
    <AdminLayout title={t.title} csrf={props.csrf} language={props.language} path="/admin">
      {props.failed && (
        <p class="field-error" role="alert">
          {t.failed}
        </p>
      )}
      <form method="post" action="/admin/login" class="sign">
        <CsrfField value={props.csrf} />
        <div class="field">
          <label for="field-token">{t.token}</label>
          <input id="field-token" name="token" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">{t.submit}</button>
      </form>
      <p class="hint">
        {fillTemplate(t.hint, { command: <code>npx undersigned token create --name "{t.yourName}"</code> })}
      </p>
    </AdminLayout>
  );
}
