import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** No network of its own, a fresh profile's first run skipped, no GPU: the flags every test browser gets. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const SCREENSHOTS = 'test-output/screenshots';

/**
 * Debian's Chromium, headless, with a fresh profile. Every request it makes is recorded, so a test
 * can prove that no page reaches beyond 127.0.0.1.
 */
export async function openBrowser(
  options: {
    javaScriptEnabled?: boolean;
    viewport?: { width: number; height: number };
    bypassCSP?: boolean;
    /** The browser's language, which it sends as Accept-Language. */
    locale?: string;
  } = {},
) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'undersigned-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    // Lets the test inject axe-core, which the site's CSP would refuse (but then frame-ancestors is
    // ignored too: the framing test turns this off).
    bypassCSP: options.bypassCSP ?? true,
    acceptDownloads: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'en-GB',
  });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  return {
    context,
    requested,
    page: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs an organizer in with a token on the admin sign-in page, as a person would. */
export async function signInAdmin(page: Page, siteUrl: string, token: string) {
  await page.goto(`${siteUrl}/admin`);
  await page.getByLabel('Organizer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
