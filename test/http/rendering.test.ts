import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SLUG, startSite, type Site } from '../support/site.ts';

// On Node 20 one AsyncLocalStorage run turns on async hooks for every promise of the process, a
// tenth of the hot embeds' throughput from then on (see renderPage). hono/jsx runs renders in one
// unless they go around it; this keeps a hono upgrade or a new view from bringing that back.
describe('page rendering', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('renders every kind of page without running an AsyncLocalStorage', async () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const pages = ['/', `/l/${SLUG}`, `/l/${SLUG}/check-email`, `/l/${SLUG}?lang=be`, `/l/${SLUG}/signatories`, `/embed/${SLUG}`, '/admin/login', '/nope'];
    for (const path of pages) {
      const res = await site.fetch(path);
      const html = await res.text();
      expect(html.startsWith('<!doctype html><html'), path).toBe(true);
      expect(html).toContain('<meta charset="utf-8"/>');
    }
    // The letter page again, with the errors of a form that needs attention.
    const shown = (await (await site.fetch(`/l/${SLUG}`)).text()).match(/name="shown" value="([^"]+)"/)![1]!;
    const form = await site.fetch(`/l/${SLUG}/sign`, { method: 'POST', body: new URLSearchParams({ name: '', email: 'x', shown }) });
    expect(form.status).toBe(400);
    expect(run).not.toHaveBeenCalled();
    run.mockRestore();
  });
});
