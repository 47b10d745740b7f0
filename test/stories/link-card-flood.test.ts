import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../support/site.ts';

const LANGS = ['en', 'be', 'ru', 'uk'];
const LETTERS = 16;

// Story: Eve wants the site's processor busy. A link preview card takes far longer to draw than any
// page takes to make, so she asks for every card the site has, in every language, round and round,
// with query strings of her own, hoping each request draws one again. A site of a few dozen letters
// draws each card once; only a change of what the card shows draws it again.
describe('a stranger asking for link preview cards', () => {
  let site: Site;
  /** The cards drawn so far: each drawing of a title with a glyph no bundled font has is logged. */
  const drawings = () => site.logs.filter((line) => line.includes('no bundled font draws this text of a link card')).length;
  const ask = async (path: string) => {
    const res = await site.fetch(path);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  };

  beforeAll(async () => {
    site = await startSite();
    const organizer = await site.organizerToken();
    for (let i = 0; i < LETTERS; i++) {
      const translations = { be: { title: `Ліст ${i} 漢`, body: 'Тэкст.' }, ru: { title: `Письмо ${i} 漢`, body: 'Текст.' }, uk: { title: `Лист ${i} 漢`, body: 'Текст.' } };
      const letter = { slug: `card-${i}`, title: `Letter ${i} 漢`, body: 'Text.', status: 'open', translations };
      expect((await site.admin(organizer, 'POST', '/letters', letter)).status).toBe(201);
    }
  });
  afterAll(() => site.close());

  it('draws each letter’s card in each language once, however often and in whatever order it is asked for', async () => {
    const every = Array.from({ length: LETTERS }, (_, i) => LANGS.map((lang) => `/l/card-${i}/card.png?lang=${lang}`)).flat();
    for (const path of every) await ask(path);
    const drawn = drawings();
    expect(drawn).toBeGreaterThanOrEqual(every.length);
    for (let round = 0; round < 2; round++) for (const path of every) await ask(path);
    for (let i = 0; i < LETTERS; i++) {
      await ask(`/l/card-${i}/card.png?lang=xx&v=${i}`);
      await ask(`/l/card-${i}/card.png?lang=be&lang=ru&utm_source=${i}`);
    }
    expect(drawings()).toBe(drawn);
  });

  it('draws a card again when its count changes, and keeps the other letters’ cards', async () => {
    const before = drawings();
    const now = Date.now();
    await site.db.execute({
      sql: `INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
            VALUES ((SELECT id FROM letters WHERE slug = 'card-0'), 'verified', 'Signer', 1, 'en', ?, ?, ?)`,
      args: [now, now, now],
    });
    await expect.poll(() => site.count('card-0')).toBe(1);
    await expect.poll(async () => (await ask('/l/card-0/card.png?lang=en'), drawings())).toBeGreaterThan(before);
    const after = drawings();
    for (let i = 1; i < LETTERS; i++) await ask(`/l/card-${i}/card.png?lang=uk`);
    expect(drawings()).toBe(after);
  });
});
