import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';

const STATES = ['pending', 'verified', 'hidden', 'withdrawn'] as const;

// Story: Alice moderates a letter, then exports it by state. A signature she hid whose signer later
// withdrew must not turn up under two states, nor be listed under one state and exported as another.
describe('the states of signatures', () => {
  const ctx = siteWithMail();
  let token: string;
  const api = async (path: string, body?: unknown) => {
    const res = await ctx.site.fetch(`/api/admin/letters/${SLUG}/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    expect(res.status).toBe(200);
    return res;
  };
  const idOf = async (email: string) => {
    const { signatures } = (await (await api(`signatures?q=${encodeURIComponent(email)}`)).json()) as { signatures: { id: number }[] };
    return signatures[0]!.id;
  };

  it('puts each signature in one state, the same in the listing, the export filter and the export', async () => {
    token = await ctx.site.organizerToken('Alice');
    expect((await ctx.site.signJson({ name: 'Pat Page', email: 'pat@example.org', listed: true })).status).toBe(202);
    await signAndConfirm(ctx, { name: 'Vera Vance', email: 'vera@example.org', listed: true });
    await signAndConfirm(ctx, { name: 'Hugo Hale', email: 'hugo@example.org', listed: true });
    await signAndConfirm(ctx, { name: 'Wanda West', email: 'wanda@example.org', listed: true });
    const ids = {
      pending: await idOf('pat@example.org'),
      verified: await idOf('vera@example.org'),
      hidden: await idOf('hugo@example.org'),
      withdrawn: await idOf('wanda@example.org'),
    };
    await api('signatures/moderate', { action: 'hide', ids: [ids.hidden, ids.withdrawn] });
    const [wandaMail] = await ctx.mail.mailTo('wanda@example.org');
    expect((await ctx.site.fetch(linkPath(wandaMail!, 'withdraw'), { method: 'POST' })).status).toBe(200);

    const exported = (await (await api('export.jsonl')).text()).trim().split('\n').map((line) => JSON.parse(line) as { id: number; state: string });
    for (const state of STATES) {
      const listed = (await (await api(`signatures?state=${state}`)).json()) as { signatures: { id: number }[] };
      const filtered = (await (await api(`export.jsonl?status=${state}`)).text()).trim().split('\n').filter(Boolean);
      expect(listed.signatures.map((s) => s.id), state).toEqual([ids[state]]);
      expect(filtered.map((line) => (JSON.parse(line) as { id: number }).id), state).toEqual([ids[state]]);
      expect(exported.find((row) => row.id === ids[state])?.state, state).toBe(state);
    }
  });
});
