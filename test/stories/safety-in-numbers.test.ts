import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { addVerifiedSignatures, rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: Tanya works at a state company. She signs, but asks to be listed only once at least five
// people have signed; forty names is a target, five thousand is a crowd. (Thresholds are small here,
// the organizers list names as soon as a threshold is reached, and every signer has a domain of their
// own: throwaway-addresses.test.ts tells what one actor with many addresses can and cannot do.)
describe('listing a name once a threshold is reached', () => {
  const ctx = siteWithMail({ COUNT_REFRESH_MS: '50', THRESHOLD_CHECK_SECONDS: '0.05' });
  const TANYA = 'Tanya Threshold';
  let organizer: string;
  let tanyaWithdraw: string;

  const admin = (method: string, path: string, body?: unknown) => ctx.site.admin(organizer, method, path, body);

  /** Every public place a name can appear: the letter page, the list page, the list JSON, the widget. */
  const publicOutputs = async () =>
    Promise.all(
      [`/l/${SLUG}`, `/l/${SLUG}/signatories`, `/api/letters/${SLUG}/signatures`, `/embed/${SLUG}`].map(async (path) => {
        const res = await ctx.site.fetch(path);
        expect(res.status).toBe(200);
        return res.text();
      }),
    );
  const shown = async () => (await publicOutputs()).map((text) => text.includes(TANYA));
  const waitUntilShown = (expected: boolean[], what: string) =>
    waitFor(async () => JSON.stringify(await shown()) === JSON.stringify(expected), what);
  const NOWHERE = [false, false, false, false];
  // The widget shows the count only, never names.
  const LISTED = [true, true, true, false];

  /** Signs through the app and confirms from the mail; returns the withdraw link. */
  async function signAndConfirm(email: string, fields: Record<string, string>) {
    expect((await ctx.site.signForm({ name: email.split('@')[0]!, email, ...fields })).status).toBe(303);
    const [mail] = await ctx.mail.mailTo(email);
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    return { mail: mail!, withdraw: linkPath(mail!, 'withdraw') };
  }

  it('offers the organizer’s thresholds on the form', async () => {
    organizer = await ctx.site.organizerToken();
    const res = await admin('PATCH', `/letters/${SLUG}`, { listThresholds: [100, 5], listDelayHours: 0 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { listThresholds: number[] }).listThresholds).toEqual([5, 100]);
    const page = await (await ctx.site.fetch(`/l/${SLUG}`)).text();
    expect(page).toContain('List my name once at least 5 people have signed');
    expect(page).toContain('List my name once at least 100 people have signed');
    expect(page).toContain('name="listed" type="radio" value="5"');
  });

  it('refuses a threshold the letter does not offer, naming the field', async () => {
    const res = await ctx.site.signJson({ name: 'X', email: 'x@example.org', listed: true, listAt: 7 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { listAt: 'This letter lists names from 5, 100 signatures on.' } } });
    expect(await rows(ctx.site, 'SELECT id FROM signatures')).toHaveLength(0);
  });

  it('counts Tanya at once, tells her when she will be listed, and lists her nowhere yet', async () => {
    const { mail, withdraw } = await signAndConfirm('tanya@tanya.example', { name: TANYA, listed: '5' });
    tanyaWithdraw = withdraw;
    expect(mail.text).toContain('Your name will be shown in the public list once the letter has 5 signatures');
    const again = await (await ctx.site.fetch(linkPath(mail, 'confirm'))).text();
    expect(again).toContain('once the letter has 5 signatures; until then you are only counted');
    expect(await ctx.site.count()).toBe(1);
    expect(await shown()).toEqual(NOWHERE);
    const list = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as { waiting: number; unlisted: number };
    expect(list).toMatchObject({ waiting: 1, unlisted: 0 });
    expect(await (await ctx.site.fetch(`/l/${SLUG}/signatories`)).text()).toContain(
      '1 name waits to be listed until the letter reaches the count its signer chose',
    );
  });

  let fifthWithdraw: string;

  it('lists her from the confirmation that makes the count reach her threshold', async () => {
    await addVerifiedSignatures(ctx.site, 3, { name: 'Early' });
    await waitFor(async () => (await ctx.site.count()) === 4, 'the count of 4');
    expect(await shown()).toEqual(NOWHERE);
    fifthWithdraw = (await signAndConfirm('fifth@fifth.example', { name: 'Fifth Signer', listed: 'true' })).withdraw;
    expect(await ctx.site.count()).toBe(5);
    await waitUntilShown(LISTED, 'Tanya listed at 5');
    const list = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as { waiting: number };
    expect(list.waiting).toBe(0);
  });

  it('takes her off again when a withdrawal brings the count below it, and back with the next signer', async () => {
    expect((await ctx.site.fetch(fifthWithdraw, { method: 'POST' })).status).toBe(200);
    expect(await ctx.site.count()).toBe(4);
    await waitUntilShown(NOWHERE, 'Tanya unlisted at 4');
    await signAndConfirm('sixth@sixth.example', { name: 'Sixth Signer', listed: 'false' });
    await waitUntilShown(LISTED, 'Tanya listed again at 5');
  });

  it('takes her off when the organizers hide a signature and the count drops below it', async () => {
    const found = (await (await admin('GET', `/letters/${SLUG}/signatures?q=Sixth`)).json()) as { signatures: { id: number }[] };
    expect((await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'hide', ids: [found.signatures[0]!.id] })).status).toBe(200);
    expect(await ctx.site.count()).toBe(4);
    await waitUntilShown(NOWHERE, 'Tanya unlisted after a hide');
  });

  it('lets her withdraw at any time, waiting or not', async () => {
    expect((await ctx.site.fetch(tanyaWithdraw, { method: 'POST' })).status).toBe(200);
    expect(await ctx.site.count()).toBe(3);
    const [tanya] = await rows(ctx.site, "SELECT name, list_threshold FROM signatures WHERE status = 'withdrawn' ORDER BY id LIMIT 1");
    expect(tanya).toMatchObject({ name: null, list_threshold: null });
    const list = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as { waiting: number };
    expect(list.waiting).toBe(0);
  });
});
