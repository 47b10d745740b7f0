import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storedAndActual } from '../support/counts.ts';
import { linkPath } from '../support/smtp.ts';
import { PUBLIC_URL, rows, SLUG, siteWithMail } from '../support/site.ts';

// Story: Anna reads the sample letter, signs it, confirms from her email, and later withdraws.
describe('a signer signs, confirms and withdraws', () => {
  const ctx = siteWithMail();

  it('shows the letter with its count and a form that works without JavaScript', async () => {
    const res = await ctx.site.fetch(`/l/${SLUG}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Code does not grow in fear</h1>');
    expect(page).toContain('No signatures yet.');
    expect(page).toContain(`<form class="sign" method="post" action="/l/${SLUG}/sign"`);
    for (const field of ['name', 'email', 'title', 'organisation', 'city', 'listed']) {
      expect(page).toContain(`name="${field}"`);
    }
    // The Markdown is rendered.
    expect(page).toContain('<strong>Ideas do not grow in an atmosphere of fear and violence.</strong>');
  });

  it('lists the open letter on the home page and in the API', async () => {
    expect(await (await ctx.site.fetch('/')).text()).toContain(`href="/l/${SLUG}"`);
    const body = (await (await ctx.site.fetch('/api/letters')).json()) as { letters: { slug: string; count: number }[] };
    expect(body.letters).toEqual([expect.objectContaining({ slug: SLUG, count: 0 })]);
  });

  let confirmPath: string;
  let withdrawPath: string;

  it('answers the form with "check your email" and sends a mail with confirm and withdraw links', async () => {
    const res = await ctx.site.signForm({
      name: 'Anna Kowalczyk',
      email: 'anna@example.org',
      title: 'CTO',
      organisation: 'Example Labs',
      city: 'Minsk',
      listed: 'true',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/l/${SLUG}/check-email`);
    expect(await (await ctx.site.fetch(res.headers.get('location')!)).text()).toContain('Check your email');

    const [message] = await ctx.mail.mailTo('anna@example.org');
    expect(message!.subject).toBe('Confirm your signature: Code does not grow in fear');
    expect(message!.html).toContain('Confirm your signature');
    expect(message!.text).toContain(`${PUBLIC_URL}/confirm/`);
    expect(message!.text).toContain(`${PUBLIC_URL}/withdraw/`);
    confirmPath = linkPath(message!, 'confirm');
    withdrawPath = linkPath(message!, 'withdraw');
    expect(await ctx.site.count()).toBe(0);
  });

  it('stores only the hash of each token', async () => {
    const token = confirmPath.split('/').pop()!;
    const stored = await rows(ctx.site, 'SELECT hash FROM tokens');
    expect(stored).toHaveLength(2);
    for (const { hash } of stored) {
      // The link's time, which is not secret, then a SHA-256.
      expect(hash).toMatch(/^[0-9a-z]{9}[0-9a-f]{64}$/);
      expect(hash).not.toContain(token.slice(9));
    }
  });

  it('does not confirm when the link is merely opened', async () => {
    const res = await ctx.site.fetch(confirmPath);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Confirm my signature');
    expect(page).toContain(`action="${confirmPath}"`);
    await ctx.site.fetch(confirmPath);
    expect(await ctx.site.count()).toBe(0);
  });

  it('confirms on the button press, and counts it once however often it is pressed', async () => {
    const res = await ctx.site.fetch(confirmPath, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are signatory #1');
    expect(await ctx.site.count()).toBe(1);
    expect(await (await ctx.site.fetch(`/l/${SLUG}`)).text()).toContain('1 signature');

    const again = await ctx.site.fetch(confirmPath, { method: 'POST' });
    expect(again.status).toBe(200);
    const page = await again.text();
    expect(page).toContain('Already confirmed');
    expect(page).toContain('You are signatory #1');
    expect(await ctx.site.count()).toBe(1);
  });

  it('numbers the next signatory #2', async () => {
    await ctx.site.signJson({ name: 'Bohdan', email: 'bohdan@example.org', listed: false });
    const [message] = await ctx.mail.mailTo('bohdan@example.org');
    const res = await ctx.site.fetch(linkPath(message!, 'confirm'), { method: 'POST' });
    expect(await res.text()).toContain('You are signatory #2');
    expect(await ctx.site.count()).toBe(2);
  });

  it('answers an unknown or malformed token with 410', async () => {
    const unknown = `/confirm/${'A'.repeat(43)}`;
    expect((await ctx.site.fetch(unknown)).status).toBe(410);
    expect((await ctx.site.fetch(unknown, { method: 'POST' })).status).toBe(410);
    expect((await ctx.site.fetch('/confirm/short', { method: 'POST' })).status).toBe(410);
    expect((await ctx.site.fetch(`/withdraw/${'B'.repeat(43)}`, { method: 'POST' })).status).toBe(410);
    expect(await ctx.site.count()).toBe(2);
  });

  it('withdraws on the button press, deletes the personal data and lowers the count', async () => {
    const look = await ctx.site.fetch(withdrawPath);
    expect(await look.text()).toContain('Withdraw my signature');
    expect(await ctx.site.count()).toBe(2);

    const res = await ctx.site.fetch(withdrawPath, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your signature has been withdrawn');
    expect(await ctx.site.count()).toBe(1);

    const stored = await rows(ctx.site, 'SELECT * FROM signatures WHERE status = ?', ['withdrawn']);
    expect(stored).toHaveLength(1);
    const row = stored[0]!;
    for (const column of ['name', 'email', 'email_key', 'title', 'organisation', 'city']) {
      expect(row[column], column).toBeNull();
    }
    expect(JSON.stringify(await rows(ctx.site, 'SELECT * FROM signatures'))).not.toMatch(/anna|Kowalczyk|Example Labs/i);
    expect(JSON.stringify(await rows(ctx.site, 'SELECT * FROM outbox'))).not.toContain('anna');

    // The confirm link of a withdrawn signature no longer works; withdrawing again changes nothing.
    expect((await ctx.site.fetch(confirmPath, { method: 'POST' })).status).toBe(410);
    const again = await ctx.site.fetch(withdrawPath, { method: 'POST' });
    expect(await again.text()).toContain('already been withdrawn');
    expect(await ctx.site.count()).toBe(1);
  });

  it('lets a withdrawn signer sign again', async () => {
    const res = await ctx.site.signJson({ name: 'Anna K.', email: 'anna@example.org', listed: true });
    expect(res.status).toBe(202);
    const messages = await ctx.mail.mailTo('anna@example.org', 2);
    await ctx.site.fetch(linkPath(messages[1]!, 'confirm'), { method: 'POST' });
    expect(await ctx.site.count()).toBe(2);
  });

  it('keeps the links of mails sent before link tokens carried their time working', async () => {
    await ctx.site.signJson({ name: 'Carla', email: 'carla@example.org', listed: true });
    await ctx.mail.mailTo('carla@example.org');
    // Such links were 43 characters, stored under their plain SHA-256.
    const [confirm, withdraw] = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
    const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
    const owner = "(SELECT id FROM signatures WHERE email = 'carla@example.org')";
    await rows(ctx.site, `UPDATE tokens SET hash = ? WHERE purpose = 'confirm' AND signature_id = ${owner}`, [sha256(confirm)]);
    await rows(ctx.site, `UPDATE tokens SET hash = ? WHERE purpose = 'withdraw' AND signature_id = ${owner}`, [sha256(withdraw)]);

    expect(await (await ctx.site.fetch(`/confirm/${confirm}`, { method: 'POST' })).text()).toContain('You are signatory #3');
    expect(await ctx.site.count()).toBe(3);
    expect(await (await ctx.site.fetch(`/withdraw/${withdraw}`, { method: 'POST' })).text()).toContain('Your signature has been withdrawn');
    expect(await ctx.site.count()).toBe(2);
  });

  it('still answers the /verify/ links of mails sent before the confirm link was renamed', async () => {
    await ctx.site.signJson({ name: 'Dora', email: 'dora@example.org', listed: false });
    const [message] = await ctx.mail.mailTo('dora@example.org');
    const oldLink = linkPath(message!, 'confirm').replace('/confirm/', '/verify/');
    const look = await ctx.site.fetch(oldLink);
    expect(look.status).toBe(200);
    expect(look.headers.get('cache-control')).toContain('no-store');
    expect(await look.text()).toContain('Confirm my signature');
    const before = await ctx.site.count();
    expect(await (await ctx.site.fetch(oldLink, { method: 'POST' })).text()).toContain(`You are signatory #${before + 1}`);
    expect(await (await ctx.site.fetch(oldLink, { method: 'POST' })).text()).toContain('Already confirmed');
    expect(await ctx.site.count()).toBe(before + 1);
    expect((await ctx.site.fetch(`/verify/${'A'.repeat(43)}`, { method: 'POST' })).status).toBe(410);
  });

  it('keeps the stored count equal to the counted rows', async () => {
    const counts = await storedAndActual(ctx.site);
    expect(counts.stored).toBe(counts.actual);
    expect(counts.listedStored).toBe(counts.listedActual);
  });
});
