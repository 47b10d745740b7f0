import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const multipart = (boundary: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nAnna\r\n` +
  `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nanna@example.org\r\n--${boundary}--\r\n`;

/**
 * Sends a request whose body ends before its declared length (a Content-Length, or a chunk), then
 * half-closes; resolves with the status line.
 */
function truncatedRequest(site: Site, path: string, contentType: string, body: string, declared: number | 'chunked'): Promise<string> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    const length = declared === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${declared}`;
    const sent = declared === 'chunked' ? `${(body.length + 100).toString(16)}\r\n${body}` : body;
    socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${contentType}\r\n${length}\r\n\r\n${sent}`);
    socket.end();
  });
}

// Story: someone throws malformed bodies at every place the site reads one, hoping for a crash, a
// stack trace in the log, or a server too busy to answer others. Each is a plain 400.
describe('malformed request bodies', () => {
  let site: Site;
  let organizer: string;
  beforeAll(async () => {
    site = await startSite();
    organizer = await site.organizerToken();
  });
  afterAll(() => site.close());

  const post = (path: string, contentType: string, body: string, headers: Record<string, string> = {}) =>
    site.fetch(path, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const api = (path: string, body: string) => post(path, 'application/json', body, { authorization: `Bearer ${organizer}` });

  async function expectApiError(res: Response) {
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/\w/);
  }
  async function expectPageError(res: Response) {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/\bat \S+ \(/);
  }

  it('answers deeply nested JSON with 400 on the signing API and the organizer API', async () => {
    for (const body of [nestedArrays(20_000), nestedObjects(6_000), `{"name":${nestedObjects(3_000)}}`]) {
      expect(body.length).toBeLessThan(64 * 1024);
      await expectApiError(await post(`/api/letters/${SLUG}/signatures`, 'application/json', body));
      await expectApiError(await api('/api/admin/letters', body));
      await expectApiError(await api(`/api/admin/letters/${SLUG}/signatures/moderate`, body));
    }
  });

  it('answers truncated JSON with 400', async () => {
    const whole = JSON.stringify({ name: 'Anna', email: 'anna@example.org', listed: true });
    await expectApiError(await post(`/api/letters/${SLUG}/signatures`, 'application/json', whole.slice(0, 20)));
  });

  it('answers multipart bodies with a bad, missing or mismatched boundary with 400 on every form', async () => {
    const shapes: [contentType: string, body: string][] = [
      ['multipart/form-data', multipart('xyz')],
      ['multipart/form-data; boundary=', multipart('xyz')],
      ['multipart/form-data; boundary=abc', multipart('xyz')],
      ['multipart/form-data; boundary=xyz', multipart('xyz').slice(0, 70)],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nno headers at all'],
    ];
    for (const [contentType, body] of shapes) {
      await expectPageError(await post(`/l/${SLUG}/sign`, contentType, body));
      // With a sign-in cookie, as a browser that opened the sign-in page: without one it is refused unread.
      await expectPageError(await post('/admin/login', contentType, body, { cookie: 'undersigned_csrf=x' }));
    }
  });

  it('answers a body cut short of its Content-Length with 400', async () => {
    const json = JSON.stringify({ name: 'Anna', email: 'anna@example.org', listed: true });
    expect(await truncatedRequest(site, `/api/letters/${SLUG}/signatures`, 'application/json', json, json.length + 100)).toMatch(/ 400 /);
    const form = multipart('xyz');
    expect(await truncatedRequest(site, `/l/${SLUG}/sign`, 'multipart/form-data; boundary=xyz', form, form.length + 100)).toMatch(/ 400 /);
    expect(await truncatedRequest(site, `/api/letters/${SLUG}/signatures`, 'application/json', json, 'chunked')).toMatch(/ 400 /);
    expect(await truncatedRequest(site, '/admin/login', 'application/x-www-form-urlencoded', 'token=abc', 'chunked')).toMatch(/ 400 /);
  });

  it('stores nothing, logs no stack trace, and keeps answering', async () => {
    expect(await rows(site, 'SELECT id FROM signatures')).toEqual([]);
    for (const line of site.logs) expect(line).not.toContain('\n');
    const entries = site.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(site.logs.join('\n')).not.toMatch(/\s+at /);
    // One line for each, naming the route and what was wrong with the body.
    const badBodies = entries.filter((entry) => entry.msg === 'bad body' && entry.method === 'POST' && entry.route === '/l/:slug/sign');
    expect(badBodies.length).toBeGreaterThan(5);
    for (const entry of badBodies) expect(entry.reason).toEqual(expect.any(String));
    const ping = await site.fetch('/ping');
    expect(ping.status).toBe(200);
    expect(await ping.text()).toBe('ok');
  });
});
