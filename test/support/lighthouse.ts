import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { SAMPLE_LETTER } from '../../src/db/sample-letter.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser.ts';
import buildIfStale from './build.ts';
import { runCli } from './cli.ts';
import { serverEnv, startServerProcess } from './server-process.ts';
import { linkPath, startMailSink } from './smtp.ts';

export const REPORTS = 'test-output/lighthouse';

/** The lowest score each Lighthouse category may have, out of 100 (issue 23). */
export const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;
export type Category = keyof typeof TARGETS;

export interface PageAudit {
  page: string;
  url: string;
  scores: Record<Category, number>;
  /** The audits that cost points, as "category: audit-id (title) at elements". */
  failures: string[];
}

/**
 * Runs Lighthouse, as a phone on a slow network (its default), on the letter, signatories, confirm and
 * widget pages of the real server started as `npm start` does, in production mode, with a real SMTP
 * server to take the confirm link from. Writes each page's JSON and HTML report to {@link REPORTS}.
 */
export async function auditSite(): Promise<PageAudit[]> {
  await buildIfStale();
  const mail = await startMailSink();
  const dir = await mkdtemp(join(tmpdir(), 'undersigned-audit-'));
  // Its public URL is its real address, so links and the canonical URL are the ones a reader would see.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = `file:${join(dir, 'undersigned.db')}`;
  const server = startServerProcess(serverEnv(databaseUrl, mail.port, { NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: url }));
  let chrome: LaunchedChrome | undefined;
  try {
    const profile = join(dir, 'chromium');
    await mkdir(profile);
    chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS], userDataDir: profile });
    await server.listening;
    const slug = SAMPLE_LETTER.slug;
    await setUpLetter(url, slug, databaseUrl);
    // One confirmed signer so the list is not empty, and one whose confirm link is audited unused.
    await confirm(url, slug, await confirmLink(url, slug, mail, 'listed@example.org'));
    const confirmPath = await confirmLink(url, slug, mail, 'unconfirmed@example.org');

    const pages = { letter: `/l/${slug}`, signatories: `/l/${slug}/signatories`, confirm: confirmPath, widget: `/embed/${slug}` };
    await mkdir(REPORTS, { recursive: true });
    const audits: PageAudit[] = [];
    for (const [page, path] of Object.entries(pages)) {
      const result = await measure(`${url}${path}`, chrome.port);
      const [json, html] = result.report as string[];
      await writeFile(join(REPORTS, `${page}.json`), json!);
      await writeFile(join(REPORTS, `${page}.html`), html!);
      audits.push({ page, url: path, ...summarise(result.lhr) });
    }
    return audits;
  } finally {
    chrome?.kill();
    server.child.kill();
    await server.exited;
    await mail.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/**
 * A page's report. Performance is measured from the CPU time the page takes here, which other work on
 * a shared machine stretches: a page that misses its target is measured twice more, and the run with
 * the median performance score counts, as Lighthouse's own advice on variability has it.
 */
async function measure(url: string, port: number) {
  const first = await run(url, port);
  if (performanceScore(first) >= TARGETS.performance) return first;
  const runs = [first, await run(url, port), await run(url, port)];
  return runs.sort((a, b) => performanceScore(a) - performanceScore(b))[1]!;
}

const performanceScore = (result: { lhr: Result }) => (result.lhr.categories.performance?.score ?? 0) * 100;

/**
 * One Lighthouse run; run again when it could not record the page load (a trace without its
 * navigation start, now and then), as its own message asks.
 */
async function run(url: string, port: number, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: ['json', 'html'], logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!result.lhr.runtimeError || attempt === tries) return result;
  }
}

function summarise(lhr: Result) {
  const scores = {} as Record<Category, number>;
  const failures = lhr.runtimeError ? [`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`] : [];
  for (const category of Object.keys(TARGETS) as Category[]) {
    const { score, auditRefs } = lhr.categories[category]!;
    scores[category] = Math.round((score ?? 0) * 100);
    for (const ref of auditRefs) {
      const audit = lhr.audits[ref.id]!;
      if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      const details = audit.details as { items?: { node?: { selector?: string } }[] } | undefined;
      const at = (details?.items ?? []).flatMap((item) => (item.node?.selector ? [item.node.selector] : []));
      failures.push(`${category}: ${ref.id} (${audit.title}${audit.displayValue ? `, ${audit.displayValue}` : ''})${at.length ? ` at ${at.join(', ')}` : ''}`);
    }
  }
  return { scores, failures };
}

/** The targets a page misses, as "category score < target". */
export function missedTargets(audit: PageAudit): string[] {
  return (Object.keys(TARGETS) as Category[])
    .filter((category) => audit.scores[category] < TARGETS[category])
    .map((category) => `${category} ${audit.scores[category]} < ${TARGETS[category]}`);
}

/**
 * Gives the sample letter all that an organizer may show on it (who, to whom, a date, a goal, a
 * deadline and so a countdown), through the admin API with a token from the command line.
 */
async function setUpLetter(url: string, slug: string, databaseUrl: string) {
  const created = await runCli(['token', 'create', '--name', 'Audit'], { DATABASE_URL: databaseUrl });
  if (created.code !== 0) throw new Error(`token create failed: ${created.stderr}`);
  const changed = await fetch(`${url}/api/admin/letters/${slug}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${created.stdout.trim()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      organisedBy: 'People who build software',
      addressee: 'Those who hold power over them',
      publishedOn: new Date().toISOString().slice(0, 10),
      deadline: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
      goal: 5000,
    }),
  });
  if (changed.status !== 200) throw new Error(`setting up the letter answered ${changed.status}: ${await changed.text()}`);
}

/** Signs through the JSON API and returns the path of the confirm link in the mail. */
async function confirmLink(url: string, slug: string, mail: Awaited<ReturnType<typeof startMailSink>>, email: string) {
  const signed = await fetch(`${url}/api/letters/${slug}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Alesia Audit', email, listed: true }),
  });
  if (signed.status !== 202) throw new Error(`signing answered ${signed.status}`);
  const [message] = await mail.mailTo(email);
  return linkPath(message!, 'confirm');
}

async function confirm(url: string, slug: string, path: string) {
  const confirmed = await fetch(`${url}${path}`, { method: 'POST' });
  if (confirmed.status !== 200) throw new Error(`confirming ${slug} answered ${confirmed.status}`);
}

/** A port nothing listens on now, so the server can be told its public URL before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
