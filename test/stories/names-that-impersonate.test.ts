import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

// What an impersonator types, and the field it goes in.
const HOSTILE: [field: string, value: string, why: string][] = [
  ['name', 'P\u0430vel Durov', 'a Cyrillic "а" in a Latin name'],
  ['name', 'Sviatlana Tsikhano\u0443skaya', 'a Cyrillic "у" in a Latin name'],
  ['name', 'Аляксандр Лукашэв\u0069ч', 'a Latin "i" in a Cyrillic name'],
  ['name', 'Anna\u200BSmith', 'a zero-width space'],
  ['name', '\u3164', 'a Hangul filler for a blank name'],
  ['name', '\u2800', 'a blank Braille pattern'],
  ['name', '\u115F\u1160', 'Hangul jamo fillers'],
  ['name', 'An\u00ADna Sm\u2060ith', 'a soft hyphen and a word joiner'],
  ['name', 'Anna \u202Ehtims', 'a right-to-left override'],
  ['name', 'Anna \u200FSmith', 'a right-to-left mark'],
  ['name', 'Anna\u2028Smith', 'a line separator'],
  ['name', 'Z\u0337\u0322\u031Ba\u0335l\u0336g\u0338o', 'a stack of combining marks'],
  ['name', 'Anna Smith (verified by the organizers)', 'the site’s own words'],
  ['name', 'Иван Петров, проверено организаторами', 'the site’s own words in Russian'],
  ['name', 'Алесь — вядомы подпіс', 'the site’s own words in Belarusian'],
  ['name', 'Anna Smith ✅', 'a check mark'],
  ['title', 'Coordinator (verified at @gov.by)', 'a verified domain in a title'],
  ['title', 'Head of\u2029security', 'a paragraph separator in a title'],
  ['organisation', 'Min\u0456stry of Interior', 'a homoglyph in an organisation'],
  ['city', 'Мiнск', 'a Latin "i" in a Cyrillic city'],
];

// Real people's names, as they write them.
const REAL: [language: string, name: string][] = [
  ['Belarusian', 'Марʼя Калеснікава'],
  ['Russian', 'Фёдор Достоевский'],
  ['Ukrainian', 'Мар’яна Бойко-Ковальчук'],
  ['Polish', 'Małgorzata Żółtowska'],
  ['Lithuanian', 'Ūla Šimkūnaitė'],
  ['Georgian', 'ნინო ბერიძე'],
  ['Armenian', 'Անի Պետրոսյան'],
  ['Hebrew', 'דוד בן־גוריון'],
  ['Arabic', 'فاطمة الزهراء'],
  ['Chinese', '王伟'],
  ['Vietnamese', 'Nguyễn Thị Minh Khai'],
  ['Irish', "Seán O'Brien"],
];

// Story: someone signs under a name that looks like a known person's, or that reads as vetted by the
// organizers, or that hides text; the site refuses it and says why. Real names in every alphabet sign.
describe('names that impersonate', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  const stored = async () => (await rows(site, 'SELECT name, title, organisation, city FROM signatures')).length;

  it.each(HOSTILE)('refuses %s with %j (%s) on the JSON API, naming the field, and stores nothing', async (field, value) => {
    const res = await site.signJson({ name: 'Anna Smith', email: 'anna@example.org', listed: true, [field]: value });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(body.error.fields[field]).toMatch(new RegExp(`^(${field[0]!.toUpperCase()}${field.slice(1)}) `));
    expect(await stored()).toBe(0);
  });

  it.each(HOSTILE)('refuses %s with %j (%s) on the form, showing the field’s problem', async (field, value) => {
    const res = await site.signForm({ name: 'Anna Smith', email: 'anna@example.org', listed: 'true', [field]: value });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(new RegExp(`<p class="field-error" id="field-${field}-error">[^<]+</p>`));
    expect(await stored()).toBe(0);
  });

  it('says in words what is wrong with a name', async () => {
    const res = await site.signJson({ name: 'P\u0430vel Durov', email: 'pavel@example.org', listed: true });
    const { error } = (await res.json()) as { error: { fields: { name: string } } };
    expect(error.fields.name).toMatch(/^Name mixes scripts \(Latin and Cyrillic: “а” is Cyrillic\)/);
    const form = await (await site.signForm({ name: 'Anna\u200BSmith', email: 'anna@example.org', listed: 'true' })).text();
    expect(form).toContain('Name contains invisible characters');
  });

  it.each(REAL)('signs a real %s name, %s, as typed', async (language, name) => {
    const email = `${language.toLowerCase()}@example.org`;
    const json = await site.signJson({ name, email, listed: true, title: 'IT-дырэктар, EPAM' });
    expect(json.status).toBe(202);
    const form = await site.signForm({ name, email: `form.${email}`, listed: 'true' });
    expect(form.status).toBe(303);
    const names = (await rows(site, 'SELECT name FROM signatures WHERE name = ?', [name])).map((r) => r.name);
    expect(names).toEqual([name, name]);
  });

  it('refuses a badge label that hides or mixes letters, and draws an ordinary one', async () => {
    expect((await site.fetch(`/badge/${SLUG}.svg?label=${encodeURIComponent('sign\u0430tures')}`)).status).toBe(400);
    const shields = await site.fetch(`/api/letters/${SLUG}/shields.json?label=${encodeURIComponent('sign\u200Batures')}`);
    expect(shields.status).toBe(400);
    expect(((await shields.json()) as { error: { fields: object } }).error.fields).toHaveProperty('label');
    expect((await site.fetch(`/badge/${SLUG}.svg?label=${encodeURIComponent('подпісы')}`)).status).toBe(200);
  });
});
