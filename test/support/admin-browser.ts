import type { Site } from './site.ts';

/**
 * What a browser does on the admin pages, over real HTTP: keeps cookies, and sends each form back
 * with the CSRF field of the last page it loaded.
 */
export class AdminBrowser {
  /** The cookies the site has set, by name. */
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private site: Site,
    private headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<Response> {
    const res = await this.request(path, { method: 'GET' });
    const html = await res.clone().text();
    this.csrf = html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? this.csrf;
    return res;
  }

  /** Posts a form with the CSRF field, unless `fields` sets its own. */
  post(path: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    const body = new URLSearchParams({ csrf: this.csrf });
    for (const [key, value] of Object.entries(fields)) {
      body.delete(key);
      for (const v of [value].flat()) body.append(key, v);
    }
    return this.request(path, { method: 'POST', body });
  }

  /** Signs in and, as a browser does, follows the redirect to the dashboard (and its CSRF field). */
  async login(token: string): Promise<Response> {
    await this.get('/admin');
    const res = await this.post('/admin/login', { token });
    if (res.status === 303) await this.get(res.headers.get('location')!);
    return res;
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.site.fetch(path, { ...init, headers: { ...this.headers, ...(cookie && { cookie }) } });
    for (const header of res.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
