import { describe, expect, it } from 'vitest';
import { rows, SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: Tanya asked to be listed only once five people have signed. Eve wants Tanya's name out, and
// has a catch-all domain, a few throwaway domains, and four mailboxes at Tanya's employer.
describe('one actor with many addresses', () => {
  const ctx = siteWithMail({ COUNT_REFRESH_MS: '50', THRESHOLD_CHECK_SECONDS: '0.05' });
  const TANYA = 'Tanya Waiting';
  let organizer: string;

  const admin = (method: string, path: string, body?: unknown) => ctx.site.admin(organizer, method, path, body);
  const listed = async () => {
    const pages = await Promise.all([`/l/${SLUG}/signatories`, `/api/letters/${SLUG}/signatures`].map((p) => ctx.site.fetch(p)));
    return (await Promise.all(pages.map((p) => p.text()))).some((text) => text.includes(TANYA));
  };
  /** Lets the threshold job run many times over. */
  const severalChecks = () => new Promise((resolve) => setTimeout(resolve, 500));

  it('does not release a waiting name for 30 confirmed addresses at one catch-all domain', async () => {
    organizer = await ctx.site.organizerToken();
    expect((await admin('PATCH', `/letters/${SLUG}`, { listThresholds: [5] })).status).toBe(200);
    await signAndConfirm(ctx, { name: TANYA, email: 'tanya@state-company.by', listed: true, listAt: 5 });
    for (let i = 0; i < 30; i++) await signAndConfirm(ctx, { name: `Fake ${i}`, email: `fake${i}@catch-all.example`, listed: false });
    expect(await ctx.site.count()).toBe(31);
    await severalChecks();
    expect(await listed()).toBe(false);
    expect(await rows(ctx.site, 'SELECT threshold FROM list_releases')).toHaveLength(0);
  });

  it('holds a name back for the organizers’ delay even when distinct domains reach the threshold, so fakes can be hidden first', async () => {
    for (let i = 0; i < 4; i++) await signAndConfirm(ctx, { name: `Throwaway ${i}`, email: `eve@throwaway${i}.example`, listed: false });
    // Five domains now: the threshold is reached, and waits out the default delay of 24 hours.
    await waitFor(async () => (await rows(ctx.site, 'SELECT threshold FROM list_releases')).length === 1, 'the threshold reached');
    await severalChecks();
    expect(await listed()).toBe(false);
    const list = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as { waiting: number };
    expect(list.waiting).toBe(1);

    // The organizers find the throwaway signatures and hide them: the threshold starts over.
    const found = (await (await admin('GET', `/letters/${SLUG}/signatures?q=Throwaway`)).json()) as { signatures: { id: number }[] };
    const ids = found.signatures.map((s) => s.id);
    expect((await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'hide', ids })).status).toBe(200);
    await waitFor(async () => (await rows(ctx.site, 'SELECT threshold FROM list_releases')).length === 0, 'the threshold no longer reached');

    // Real signers from other domains, and a delay the organizers shortened: now she is listed.
    for (let i = 0; i < 4; i++) await signAndConfirm(ctx, { name: `Colleague ${i}`, email: `someone@org${i}.example`, listed: true });
    expect((await admin('PATCH', `/letters/${SLUG}`, { listDelayHours: 0 })).status).toBe(200);
    await waitFor(listed, 'Tanya listed');
  });

  it('shows a domain’s signers only in steps, so an insider cannot see one colleague more', async () => {
    for (let i = 0; i < 4; i++) await signAndConfirm(ctx, { name: `Insider ${i}`, email: `insider${i}@employer.by`, listed: false, showDomain: true });
    const domains = async () =>
      ((await (await ctx.site.fetch(`/api/letters/${SLUG}/domains`)).json()) as { domains: { domain: string; atLeast: number }[] }).domains;
    expect(await domains()).toEqual([]);
    await signAndConfirm(ctx, { name: 'Colleague A', email: 'a@employer.by', listed: false, showDomain: true });
    expect(await domains()).toEqual([{ domain: 'employer.by', organisation: null, atLeast: 5 }]);
    const before = await (await ctx.site.fetch(`/l/${SLUG}/signatories`)).text();
    await signAndConfirm(ctx, { name: 'Colleague B', email: 'b@employer.by', listed: false, showDomain: true });
    await signAndConfirm(ctx, { name: 'Colleague C', email: 'c@employer.by', listed: false, showDomain: true });
    expect(await domains()).toEqual([{ domain: 'employer.by', organisation: null, atLeast: 5 }]);
    const after = await (await ctx.site.fetch(`/l/${SLUG}/signatories`)).text();
    expect(after).toContain('5+ verified signers at @employer.by');
    const domainSection = (page: string) => page.slice(page.indexOf('class="domains"'));
    expect(domainSection(after)).toBe(domainSection(before));
  });
});
