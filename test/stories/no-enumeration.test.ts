import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';

// Story: Eve wants to find out whether her colleague signed. The site answers her the same either way;
// only the mail to the colleague's own address differs, and Eve cannot flood that inbox.
describe('nobody learns who signed from the signing answer', () => {
  const ctx = siteWithMail();

  // Headers that must differ between two answers; everything else must be the same bytes.
  const comparable = async (res: Response) => {
    const headers = [...res.headers].filter(([name]) => name !== 'date');
    return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()).toString('hex') };
  };

  it('gives byte-identical answers for a new, a pending and a verified email, as JSON and as a form', async () => {
    const json = (email: string) => ctx.site.signJson({ name: 'Olga', email, listed: true });
    const form = (email: string) => ctx.site.signForm({ name: 'Olga', email, listed: 'true' });

    const newJson = await comparable(await json('olga@example.org'));
    const newForm = await comparable(await form('olga.form@example.org'));
    const pendingJson = await comparable(await json('olga@example.org'));
    const pendingForm = await comparable(await form('olga.form@example.org'));

    // Both pending signings' mails are out before the confirmation: a mail says what the signature is
    // when it is sent, and the next test counts two confirmation mails.
    for (const email of ['olga@example.org', 'olga.form@example.org']) {
      const [first] = await ctx.mail.mailTo(email, 2);
      await ctx.site.fetch(linkPath(first!, 'confirm'), { method: 'POST' });
    }
    const verifiedJson = await comparable(await json('olga@example.org'));
    const verifiedForm = await comparable(await form('olga.form@example.org'));

    expect(newJson.status).toBe(202);
    expect(pendingJson).toEqual(newJson);
    expect(verifiedJson).toEqual(newJson);
    expect(newForm.status).toBe(303);
    expect(pendingForm).toEqual(newForm);
    expect(verifiedForm).toEqual(newForm);
  });

  it('sends a pending signer a fresh confirmation, and a verified one a note that they already signed', async () => {
    const mails = await ctx.mail.mailTo('olga@example.org', 3);
    expect(mails.map((m) => m.subject)).toEqual([
      `Confirm your signature: Code does not grow in fear`,
      `Confirm your signature: Code does not grow in fear`,
      `You have already signed: Code does not grow in fear`,
    ]);
    expect(mails[2]!.text).toContain('/withdraw/');
    expect(mails[2]!.text).not.toContain('/confirm/');
  });

  it('sends at most 3 mails per address and letter in 24 hours', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await ctx.site.signJson({ name: 'Flood', email: 'target@example.org', listed: true })).status).toBe(202);
    }
    await ctx.mail.mailTo('target@example.org', 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await ctx.mail.mailTo('target@example.org')).length).toBe(3);
    const [signature] = await rows(ctx.site, "SELECT mail_window_count FROM signatures WHERE name = 'Flood'");
    expect(signature!.mail_window_count).toBe(3);
    const [queued] = await rows(
      ctx.site,
      "SELECT count(*) AS n FROM outbox o JOIN signatures s ON s.id = o.signature_id WHERE s.name = 'Flood'",
    );
    expect(queued!.n).toBe(0);
    expect(await ctx.site.count(SLUG)).toBe(2);
  });
});
