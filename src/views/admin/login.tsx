import { AdminLayout, CsrfField } from './layout.tsx';

export function LoginPage(props: { csrf: string; failed?: boolean }) {
  return (
    <AdminLayout title="Sign in" csrf={props.csrf}>
      {props.failed && (
        <p class="field-error" role="alert">
          That token is not valid.
        </p>
      )}
      <form method="post" action="/admin/login" class="sign">
        <CsrfField value={props.csrf} />
        <div class="field">
          <label for="field-token">Organizer token</label>
          <input id="field-token" name="token" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">
        Create a token on the server with <code>npx undersigned token create --name "Your name"</code>.
      </p>
    </AdminLayout>
  );
}
