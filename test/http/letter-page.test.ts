import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../support/site.ts';

const SLUG = 'with-a-goal';

// Story: a reader opens a letter that 2,512 people have signed, aiming for 5,000.
describe('the letter page: its tally and its languages', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    const token = await site.organizerToken();
    const created = await site.fetch('/api/admin/letters', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        slug: SLUG,
        title: 'With a goal',
        body: 'Text.',
        status: 'open',
        goal: 5000,
        translations: { be: { title: 'З мэтай', body: 'Тэкст.' }, de: { title: 'Mit einem Ziel', body: 'Text.' } },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the letter answered ${created.status}`);
    const now = Date.now();
    await site.db.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2512)
            INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
            SELECT (SELECT id FROM letters WHERE slug = ?), 'verified', 'Signer ' || i, 0, 'en', ?, ?, ? FROM n`,
      args: [SLUG, now, now, now],
    });
  });
  afterAll(() => site.close());

  const tally = async (lang: string) => {
    const html = await (await site.fetch(`/l/${SLUG}?lang=${lang}`)).text();
    const text = (pattern: RegExp) => html.match(pattern)?.[1];
    return {
      number: text(/<span class="count-number">([^<]*)<\/span>/),
      word: text(/<span class="count-word">([^<]*)<\/span>/),
      goal: html.match(/<span class="goal-text">(.*?)<\/span><\/p>/)?.[1]?.replace(/<[^>]+>/g, ''),
      bar: text(/<a class="sign-bar"[^>]*>(.*?)<\/a>/)?.replace(/<[^>]+>/g, ''),
    };
  };

  it.each([
    ['en', '2,500+', 'signatures', '2,512 of 5,000', 'Sign 2,500+'],
    ['be', '2500+', 'подпісаў', '2512 з 5000', 'Падпісаць 2500+'],
    ['ru', '2 500+', 'подписей', '2 512 из 5 000', 'Подписать 2 500+'],
    ['uk', '2 500+', 'підписів', '2 512 з 5 000', 'Підписати 2 500+'],
  ])('shows the count large with its word, the goal exactly, and the sign bar, in %s', async (lang, number, word, goal, bar) => {
    const shown = await tally(lang);
    const spaces = (s: string | undefined) => s?.replace(/\s/g, ' ');
    expect(spaces(shown.number)).toBe(number);
    expect(shown.word).toBe(word);
    expect(spaces(shown.goal)).toBe(goal);
    expect(spaces(shown.bar)).toBe(bar);
  });

  it('names the letter’s languages in their own words, each leading to the letter in it', async () => {
    const html = await (await site.fetch(`/l/${SLUG}?lang=be`)).text();
    const nav = html.match(/<nav class="languages"[^>]*>(.*?)<\/nav>/)![1]!;
    const names = [...nav.matchAll(/<(?:a|strong)[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(names.sort()).toEqual(['Deutsch', 'English', 'Беларуская']);
    expect(nav).toContain(`<a href="/l/${SLUG}?lang=de" lang="de" hreflang="de">Deutsch</a>`);
  });
});
