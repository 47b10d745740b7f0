import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { linkPath } from '../support/smtp.ts';
import { addVerifiedSignatures, PUBLIC_URL, rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

/** Every file of a folder, by path relative to it. */
async function filesOf(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return files;
}

// Story: the site is blocked in the signers' country. An organizer writes a static copy that friends
// abroad put on any static host; readers check that its count is the site's own.
describe('the mirror bundle', () => {
  const ctx = siteWithMail({ COUNT_REFRESH_MS: '50', THRESHOLD_CHECK_SECONDS: '0.05' });
  const emails = ['tanya@example.org', 'olga@company.by', 'anna@example.org'];
  let out: string;
  let env: Record<string, string>;

  const mirror = async () => {
    await rm(out, { recursive: true, force: true });
    const result = await runCli(['mirror', '--letter', SLUG, '--out', out], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return filesOf(out);
  };

  beforeAll(async () => {
    out = join(await mkdtemp(join(tmpdir(), 'undersigned-mirror-')), 'bundle');
    env = { DATABASE_URL: ctx.site.databaseUrl, PUBLIC_URL };
    const organizer = await ctx.site.organizerToken();
    const admin = (method: string, path: string, body: unknown) => ctx.site.admin(organizer, method, path, body);
    const patch = await admin('PATCH', `/letters/${SLUG}`, {
      listThresholds: [1250],
      listDelayHours: 0,
      translations: { be: { title: 'Код не расце ў страху', body: 'Тэкст па-беларуску. [Навіны](https://news.example/x) ![фота](https://img.example/a.png)' } },
    });
    expect(patch.status).toBe(200);
    const sign = async (body: Record<string, unknown>) => {
      expect((await ctx.site.signJson(body)).status).toBe(202);
      const [mail] = await ctx.mail.mailTo(body.email as string);
      expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    };
    await sign({ name: 'Tanya Threshold', email: emails[0], listed: true, listAt: 1250 });
    await sign({ name: 'Olga Engineer', email: emails[1], listed: true, showDomain: true });
    await sign({ name: 'Anna Unlisted', email: emails[2], listed: false });
    // Enough names for a second page of the copied list (1,000 a page).
    await addVerifiedSignatures(ctx.site, 1200, { name: 'Crowd' });
  });

  afterAll(async () => {
    await rm(dirname(out), { recursive: true, force: true });
  });

  it('writes the letter in every language, the list, the signed count, the key and how to check them', async () => {
    const files = await mirror();
    expect([...files.keys()].sort()).toEqual(
      [
        '.nojekyll',
        '.well-known/undersigned.json',
        'be.html',
        'count.json',
        'index.html',
        'letter.md',
        'signatories-2.html',
        'signatories.html',
        'style.css',
        'verify.html',
        'verify-be.html',
      ].sort(),
    );
    expect(files.get('index.html')).toContain('<h1>Code does not grow in fear</h1>');
    expect(files.get('be.html')).toContain('<h1>Код не расце ў страху</h1>');
    expect(files.get('verify.html')).toContain('sha256sum letter.md');
    // The Belarusian copy, and the page on checking it that it links to, are in Belarusian.
    expect(files.get('be.html')).toContain('<a href="verify-be.html">Як праверыць гэтую копію</a>');
    expect(files.get('verify-be.html')).toContain('<h1>Як праверыць гэтую копію</h1>');
    expect(files.get('verify-be.html')).toContain('sha256sum letter.md');
    // Newest first: the crowd came after Olga, who is on the second page.
    expect(files.get('signatories-2.html')).toContain('Olga Engineer</span><span class="signatory-domain"> (verified at @company.by)');
  });

  it('links only within itself and loads nothing from anywhere else', async () => {
    const files = await filesOf(out);
    for (const [path, content] of files) {
      if (!path.endsWith('.html')) continue;
      const targets = [...content.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) {
        expect(target, `${path}: ${target}`).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/)/i);
        const file = target.split('#')[0]!;
        if (file === '') continue;
        expect(files.has(normalize(join(dirname(path), file))), `${path} links to ${target}`).toBe(true);
      }
      expect(content).not.toMatch(/<(script|iframe|img|form)\b/);
    }
    // The translation's link and image are written out as text, not followed.
    expect(files.get('be.html')).toContain('Навіны (https://news.example/x)');
  });

  it('holds no email address', async () => {
    for (const [path, content] of await filesOf(out)) {
      for (const email of emails) expect(content, path).not.toContain(email);
      expect(content, path).not.toMatch(/[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]{2,}/i);
    }
  });

  it('has a count that verifies with its key, for the text it holds', async () => {
    const files = await filesOf(out);
    const count = JSON.parse(files.get('count.json')!) as { count: number; slug: string; textSha256: string; keyId: string };
    expect(count).toMatchObject({ count: 1203, slug: SLUG });
    expect(createHash('sha256').update(files.get('letter.md')!).digest('hex')).toBe(count.textSha256);
    const { keyId } = count;
    const verified = await runCli(['verify-count', join(out, 'count.json'), '--key-id', keyId], env);
    expect(verified.code).toBe(0);
    // The key saved beside the count is not taken on its own word.
    expect((await runCli(['verify-count', join(out, 'count.json')], env)).code).toBe(2);
    expect([...files.values()].join('')).toContain(`verify-count count.json --key-id ${keyId}`);
    // The key in the bundle is the one the site serves.
    const served = await (await ctx.site.fetch('/.well-known/undersigned.json')).json();
    expect(JSON.parse(files.get('.well-known/undersigned.json')!)).toEqual(served);
  });

  it('lists a threshold signer only once the count has reached her threshold', async () => {
    const below = await filesOf(out);
    const lists = (files: Map<string, string>) => [...files].filter(([p]) => p.startsWith('signatories')).map(([, c]) => c).join('');
    expect(lists(below)).not.toContain('Tanya Threshold');
    expect(lists(below)).toContain('1 name waits to be listed');
    await addVerifiedSignatures(ctx.site, 47, { name: 'More' });
    await waitFor(async () => (await rows(ctx.site, 'SELECT 1 FROM list_releases WHERE released_at IS NOT NULL')).length > 0, 'the release');
    const above = await mirror();
    expect(JSON.parse(above.get('count.json')!).count).toBe(1250);
    expect(lists(above)).toContain('Tanya Threshold');
  });
});
