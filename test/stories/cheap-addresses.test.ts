import { describe, expect, it } from 'vitest';
import { rows, SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: Eve has no catch-all domain of her own to spare, but addresses that cost nothing: a
// wildcard MX record under one domain she owns, a public disposable-mail service, and the +tags
// that her target's employer (on a hosted mail suite) delivers to one inbox.
describe('an actor with addresses that cost nothing', () => {
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
  const hideAll = async (q: string) => {
    const found = (await (await admin('GET', `/letters/${SLUG}/signatures?q=${q}`)).json()) as { signatures: { id: number }[] };
    const ids = found.signatures.map((s) => s.id);
    expect((await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'hide', ids })).status).toBe(200);
    await waitFor(async () => (await rows(ctx.site, 'SELECT threshold FROM list_releases')).length === 0, 'the threshold no longer reached');
  };

  it('does not release a waiting name for addresses at many subdomains of one domain (a wildcard catch-all)', async () => {
    organizer = await ctx.site.organizerToken();
    // No delay, so that a threshold reached is a name listed at once.
    expect((await admin('PATCH', `/letters/${SLUG}`, { listThresholds: [5], listDelayHours: 0 })).status).toBe(200);
    await signAndConfirm(ctx, { name: TANYA, email: 'tanya@state-company.by', listed: true, listAt: 5 });
    for (let i = 0; i < 6; i++) await signAndConfirm(ctx, { name: `Sub ${i}`, email: `eve@s${i}.eve-catch-all.example`, listed: false });
    await severalChecks();
    expect(await listed()).toBe(false);
    await hideAll('Sub');
  });

  it('does not release a waiting name for mailboxes at a public disposable-mail domain', async () => {
    // mailinator.com takes mail for any name, to inboxes anyone can read: one catch-all domain.
    for (let i = 0; i < 6; i++) await signAndConfirm(ctx, { name: `Disposable ${i}`, email: `eve${i}@mailinator.com`, listed: false });
    await severalChecks();
    expect(await listed()).toBe(false);
    await hideAll('Disposable');
  });

  it('sends one work mailbox at most a few mails a day, whatever +tags are used', async () => {
    // Google Workspace and Microsoft 365 deliver maria+anything@company.by to maria@company.by.
    for (let i = 0; i < 12; i++) {
      expect((await ctx.site.signJson({ name: 'Maria', email: `maria+${i}@company.by`, listed: false })).status).toBe(202);
    }
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'the outbox to drain');
    const received = ctx.mail.messages.filter((m) => /maria\+\d+@company\.by/i.test(JSON.stringify(m.to)));
    expect(received.length).toBeLessThanOrEqual(5);
  });
});
