import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { siteWithMail } from '../support/site.ts';

// Story: Alice gives her letter a deadline. Until it, people sign; from it on, the letter is closed
// as if she had closed it herself, though no one and nothing closed it.
describe('a letter closes itself at its deadline', () => {
  const ctx = siteWithMail();
  const slug = 'until-friday';
  const signer = (name: string) => ({ name, email: `${name.toLowerCase()}@example.org`, listed: true });

  it('takes signatures until the deadline and refuses them from it on, on the page and the API', async () => {
    const token = await ctx.site.organizerToken('Alice');
    const deadline = new Date(Date.now() + 2500);
    const created = await ctx.site.admin(token, 'POST', '/letters', {
      slug,
      title: 'Until Friday',
      body: 'We ask before Friday.',
      status: 'open',
      deadline: deadline.toISOString(),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 'open', deadline: deadline.toISOString() });

    const before = await (await ctx.site.fetch(`/l/${slug}`)).text();
    expect(before).toContain('<form class="sign"');
    expect(before).toMatch(/Signatures until<\/dt><dd><time datetime="[^"]+">[^<]+<\/time> \(<strong class="countdown"[^>]*>closes in 1 minute<\/strong>\)/);
    expect((await ctx.site.signJson(signer('Early'), slug)).status).toBe(202);
    const [early] = await ctx.mail.mailTo('early@example.org');
    expect((await ctx.site.signJson(signer('Prompt'), slug)).status).toBe(202);
    expect((await ctx.site.fetch(linkPath(early!, 'confirm'), { method: 'POST' })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline.getTime() - Date.now()) + 1000));

    const late = await ctx.site.signJson(signer('Late'), slug);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('letter_closed');
    const lateForm = await ctx.site.signForm({ name: 'Latecomer', email: 'latecomer@example.org', listed: 'true' }, slug);
    expect(lateForm.status).toBe(409);
    expect(await lateForm.text()).toContain('This letter is closed');

    // A link asked for before the deadline confirms nothing after it, as on a closed letter.
    const [prompt] = await ctx.mail.mailTo('prompt@example.org');
    expect((await ctx.site.fetch(linkPath(prompt!, 'confirm'), { method: 'POST' })).status).toBe(409);
    expect(await ctx.site.count(slug)).toBe(1);

    const after = await (await ctx.site.fetch(`/l/${slug}`)).text();
    expect(after).not.toContain('<form class="sign"');
    expect(after).toContain('This letter is closed and no longer takes signatures.');
    expect(after).toContain('Signing ended</dt>');
    expect(after).not.toContain('countdown');
    expect(await (await ctx.site.fetch(`/api/letters/${slug}`)).json()).toMatchObject({ status: 'closed' });
    const open = (await (await ctx.site.fetch('/api/letters')).json()) as { letters: { slug: string }[] };
    expect(open.letters.map((l) => l.slug)).not.toContain(slug);
    const widget = await (await ctx.site.fetch(`/embed/${slug}`)).text();
    expect(widget).not.toContain('class="sign"');
    expect(widget).toContain('Signing ended: ');

    // The organizers' own word is kept: still "open", with a deadline that has passed. Moving the
    // deadline opens the letter again.
    const later = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000 + 60_000);
    const moved = await ctx.site.admin(token, 'PATCH', `/letters/${slug}`, { deadline: later.toISOString() });
    expect(await moved.json()).toMatchObject({ status: 'open', deadline: later.toISOString() });
    expect((await ctx.site.signJson(signer('Second-chance'), slug)).status).toBe(202);
    const reopened = await (await ctx.site.fetch(`/l/${slug}?lang=ru`)).text();
    expect(reopened).toMatch(/<strong class="countdown"[^>]*>сбор подписей закончится через 3 дня<\/strong>/);
  });

  it('deletes the signers’ addresses the chosen number of days after the deadline, as after closing', async () => {
    const token = await ctx.site.organizerToken('Bob');
    const deadline = new Date(Date.now() + 2000);
    await ctx.site.admin(token, 'PATCH', `/letters/${slug}`, { deadline: deadline.toISOString(), anonymiseAfterDays: 1 });
    const emails = async () =>
      (await ctx.site.db.execute({ sql: 'SELECT email FROM signatures WHERE email IS NOT NULL AND letter_id = (SELECT id FROM letters WHERE slug = ?)', args: [slug] })).rows.length;
    expect(await emails()).toBeGreaterThan(0);
    const day = 24 * 60 * 60 * 1000;
    await ctx.site.store.purge(new Date(deadline.getTime() + day - 1000));
    expect(await emails()).toBeGreaterThan(0);
    await ctx.site.store.purge(new Date(deadline.getTime() + day));
    expect(await emails()).toBe(0);
  });
});
