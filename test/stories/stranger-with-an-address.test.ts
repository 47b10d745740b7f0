import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: Eve knows Maria's work address, maria@company.by. She wants to learn whether Maria signed,
// to publish something under Maria's name, and to keep Maria from signing at all.
describe('a stranger who knows a signer’s address', () => {
  // The per-email limit Eve used to probe with, as it was configured before it went.
  const ctx = siteWithMail({ LIMIT_SIGN_PER_EMAIL: '10/hour' });

  const comparable = async (res: Response) => {
    const headers = [...res.headers].filter(([name]) => name !== 'date');
    return { status: res.status, headers, body: await res.text() };
  };
  const publicOutputs = async () =>
    (
      await Promise.all(
        [`/l/${SLUG}`, `/l/${SLUG}/signatories`, `/api/letters/${SLUG}/signatures`].map(async (path) => (await ctx.site.fetch(path)).text()),
      )
    ).join('\n');

  it('cannot tell from repeated signing answers whether, or when, an address was used', async () => {
    await ctx.site.signJson({ name: 'Maria', email: 'maria@company.by', listed: false });
    // Eve sends the same burst for Maria's address (in other letter case) and for an unused one.
    const burst = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await comparable(await ctx.site.signJson({ name: 'Eve', email, listed: true })));
      return answers;
    };
    const used = await burst('Maria@Company.BY');
    const fresh = await burst('nobody-yet@company.by');
    expect(used.map((a) => a.status)).toEqual(Array(12).fill(202));
    expect(used).toEqual(fresh);
    expect(used.some((a) => a.headers.some(([name]) => name === 'retry-after'))).toBe(false);

    // Maria is not locked out: her own signing still goes through, and still gets its answer.
    expect((await ctx.site.signJson({ name: 'Maria', email: 'maria@company.by', listed: false })).status).toBe(202);
    // Mail to the address stays capped however often it is asked for.
    await ctx.mail.mailTo('maria@company.by', 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ctx.mail.mailTo('maria@company.by')).toHaveLength(3);
  });

  it('cannot publish her details under Maria’s name when Maria confirms her own request', async () => {
    const eve = {
      name: 'Dana Targetova',
      email: 'dana@company.by',
      title: 'Coordinator of the strike committee',
      organisation: 'Strike committee of Company',
      listed: true,
      showDomain: true,
    };
    expect((await ctx.site.signJson(eve)).status).toBe(202);
    expect((await ctx.site.signJson({ name: 'Dana Targetova', email: 'dana@company.by', listed: false })).status).toBe(202);
    const [evesMail, danasMail] = await ctx.mail.mailTo('dana@company.by', 2);

    // Each mail shows what its own request asks to publish, so Dana can see what Eve sent.
    expect(evesMail!.text).toContain('Title or role: «Coordinator of the strike committee»');
    expect(evesMail!.text).toContain('Organisation: «Strike committee of Company»');
    expect(evesMail!.text).toContain('Your name will be shown in the public list of signatories.');
    expect(evesMail!.text).toContain('Your email domain will be shown as verified: @company.by.');
    expect(danasMail!.text).not.toContain('strike committee');
    expect(danasMail!.text).toContain('Your name will not be shown publicly');
    const evesPage = await (await ctx.site.fetch(linkPath(evesMail!, 'confirm'))).text();
    expect(evesPage).toContain('Coordinator of the strike committee');

    // Dana confirms the request she made: nothing of Eve's is kept or shown.
    expect((await ctx.site.fetch(linkPath(danasMail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    const [dana] = await rows(ctx.site, "SELECT status, title, organisation, listed, email_domain FROM signatures WHERE email = 'dana@company.by'");
    expect(dana).toMatchObject({ status: 'verified', title: null, organisation: null, listed: 0, email_domain: null });
    const shown = await publicOutputs();
    expect(shown).not.toContain('strike committee');
    expect(shown).not.toContain('Dana Targetova');
    // Eve's link can no longer confirm anything, and what she typed is gone.
    expect((await ctx.site.fetch(linkPath(evesMail!, 'confirm'), { method: 'POST' })).status).toBe(410);
    expect(await rows(ctx.site, 'SELECT hash FROM tokens WHERE title IS NOT NULL')).toHaveLength(0);
  });

  it('lets the person who opens the stranger’s mail confirm without being listed or showing the domain', async () => {
    await ctx.site.signJson({ name: 'Oleg Targetov', email: 'oleg@company.by', title: 'Organiser of the strike', listed: true, showDomain: true });
    const [mail] = await ctx.mail.mailTo('oleg@company.by');
    const page = await (await ctx.site.fetch(linkPath(mail!, 'confirm'))).text();
    expect(page).toContain('Organiser of the strike');
    expect(page).toContain('name="list" type="radio" value="no"');
    expect(page).toContain('Show my email domain as verified: @company.by');

    // Oleg keeps his signature but takes back what he did not choose: the radio "no", the box unticked.
    const res = await ctx.site.fetch(linkPath(mail!, 'confirm'), {
      method: 'POST',
      body: new URLSearchParams({ choices: '1', list: 'no' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your name will not be shown publicly');
    const [oleg] = await rows(ctx.site, "SELECT status, listed, email_domain FROM signatures WHERE email = 'oleg@company.by'");
    expect(oleg).toMatchObject({ status: 'verified', listed: 0, email_domain: null });
    expect(await publicOutputs()).not.toContain('Oleg Targetov');
  });

  it('cannot lock her out by using up the address’s mail: the owner corrects the stranger’s request and confirms her own details', async () => {
    for (let i = 0; i < 3; i++) {
      await ctx.site.signJson({ name: 'Lena Targetova', email: 'lena@company.by', title: `Informant ${i}`, listed: true });
    }
    // Lena's own request comes after the allowance is spent: no mail of its own reaches her.
    await ctx.site.signJson({ name: 'Lena', email: 'lena@company.by', listed: false });
    const mails = await ctx.mail.mailTo('lena@company.by', 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ctx.mail.mailTo('lena@company.by')).toHaveLength(3);
    const confirm = linkPath(mails[0]!, 'confirm');
    expect(await (await ctx.site.fetch(confirm)).text()).toContain('value="Informant 0"');

    // A correction is checked as a signing is: a name that mixes scripts is refused, nothing confirmed.
    const refused = await ctx.site.fetch(confirm, {
      method: 'POST',
      body: new URLSearchParams({ choices: '1', name: 'Lеna', title: '', organisation: '', city: '', list: 'no' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('aria-invalid="true"');
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE email = 'lena@company.by' AND status = 'verified'")).toHaveLength(0);

    const res = await ctx.site.fetch(confirm, {
      method: 'POST',
      body: new URLSearchParams({ choices: '1', name: 'Lena', title: '', organisation: '', city: '', list: 'no' }),
    });
    expect(res.status).toBe(200);
    const [lena] = await rows(ctx.site, "SELECT status, name, title, listed FROM signatures WHERE email = 'lena@company.by'");
    expect(lena).toMatchObject({ status: 'verified', name: 'Lena', title: null, listed: 0 });
    const exported = await (await ctx.site.admin(await ctx.site.organizerToken('Org'), 'GET', `/letters/${SLUG}/export.csv`)).text();
    expect(exported).not.toContain('Informant');
  });

  it('cannot add to a request’s choices from the confirm form', async () => {
    await ctx.site.signJson({ name: 'Quiet Person', email: 'quiet@company.by', listed: false });
    const [mail] = await ctx.mail.mailTo('quiet@company.by');
    await ctx.site.fetch(linkPath(mail!, 'confirm'), {
      method: 'POST',
      body: new URLSearchParams({ choices: '1', list: 'yes', showDomain: 'true' }),
    });
    const [quiet] = await rows(ctx.site, "SELECT status, listed, email_domain FROM signatures WHERE email = 'quiet@company.by'");
    expect(quiet).toMatchObject({ status: 'verified', listed: 0, email_domain: null });
  });

  it('cannot greet the reader with a name of her choosing: the name is quoted, and links in it do not work', async () => {
    await ctx.site.signJson({ name: 'Your account is locked, log in at https://evil.example/login', email: 'reader@company.by', listed: false });
    const [mail] = await ctx.mail.mailTo('reader@company.by');
    const firstLine = mail!.text!.split('\n')[0];
    expect(firstLine).toBe('Hello,');
    expect(mail!.text).toContain('«Your account is locked, log in at hxxps[://]evil[.]example/login»');
    expect(mail!.text).not.toContain('https://evil.example');
    expect(mail!.html).not.toContain('https://evil.example');
  });

  it('cannot put markup, an image (a tracking pixel) or a working link into the mail the reader gets', async () => {
    await ctx.site.signJson({
      name: '<img src=x onerror=alert(1)>',
      organisation: 'https://evil.example/login?a=1&b=2',
      city: '"><a href="https://evil.example">Minsk</a>',
      email: 'reader2@company.by',
      listed: true,
    });
    const [mail] = await ctx.mail.mailTo('reader2@company.by');
    const html = mail!.html as string;
    expect(html).toContain('«&lt;img src=x onerror=alert(1)&gt;»');
    expect(html).toContain('«hxxps[://]evil[.]example/login?a=1&amp;b=2»');
    expect(html).toContain('«&quot;&gt;&lt;a href=&quot;hxxps[://]evil[.]example&quot;&gt;Minsk&lt;/a&gt;»');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('evil.example');
    expect([...html.matchAll(/<a /g)]).toHaveLength(2);
    expect(mail!.text).toContain('«<img src=x onerror=alert(1)>»');
    expect(mail!.text).not.toContain('https://evil.example');
  });

  it('gets at most a few mails to one mailbox a day, whatever variants and letters are used', async () => {
    const organizer = await ctx.site.organizerToken();
    for (const slug of ['second-letter', 'third-letter']) {
      const created = await ctx.site.fetch('/api/admin/letters', {
        method: 'POST',
        headers: { authorization: `Bearer ${organizer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug, title: `Letter ${slug}`, body: 'Text.', status: 'open' }),
      });
      expect(created.status).toBe(201);
    }
    const variants = Array.from({ length: 20 }, (_, i) => `Victim+v${i}@outlook.com`);
    for (const [i, email] of variants.entries()) {
      const slug = [SLUG, 'second-letter', 'third-letter'][i % 3]!;
      expect((await ctx.site.signJson({ name: 'Victim', email, listed: false }, slug)).status).toBe(202);
    }
    // One signature per letter, and five mails in all, though 20 addresses and 3 letters were used.
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE email LIKE 'victim+%@outlook.com'")).toHaveLength(3);
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'the outbox to drain');
    const received = ctx.mail.messages.filter((m) => /victim\+v\d+@outlook\.com/i.test(JSON.stringify(m.to)));
    expect(received).toHaveLength(5);
  });

  it('makes one signature of a Yandex mailbox’s aliases and of Gmail’s variants', async () => {
    for (const email of ['i.ivanov@yandex.ru', 'i-ivanov@yandex.by', 'I.Ivanov@yandex.com', 'i.ivanov@yandex.kz', 'i-ivanov+x@ya.ru']) {
      await ctx.site.signJson({ name: 'Ivan', email, listed: false });
    }
    for (const email of ['petr.p@gmail.com', 'petrp+x@googlemail.com', 'P.e.t.r.P@gmail.com']) {
      await ctx.site.signJson({ name: 'Petr', email, listed: false });
    }
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Ivan'")).toHaveLength(1);
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Petr'")).toHaveLength(1);
  });
});
