import { describe, expect, it } from 'vitest';
import { LetterInput } from '../../src/domain/letter-input.ts';
import { oneLine } from '../../src/domain/one-line-text.ts';
import { SignInput } from '../../src/domain/sign-input.ts';
import { messagesFor } from '../../src/i18n/index.ts';

const sign = (fields: Record<string, unknown>) => SignInput.safeParse({ name: 'Anna Smith', email: 'anna@example.org', listed: true, ...fields });
/** The message for `field`, or undefined when the signing is accepted. */
function problem(field: string, value: string): string | undefined {
  const result = sign({ [field]: value });
  if (result.success) return undefined;
  const issue = result.error.issues.find((i) => i.path[0] === field);
  return issue?.message ?? `another field: ${result.error.issues[0]?.message}`;
}

// Letters of other alphabets that look like these Latin ones, and the other way round.
const LATIN_TO_LOOKALIKE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', P: 'Р', A: 'А' };
const CYRILLIC_TO_LATIN: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', і: 'i', у: 'y', х: 'x' };
const swapOne = (name: string, table: Record<string, string>) => {
  const at = [...name].findIndex((c) => c in table);
  const chars = [...name];
  chars[at] = table[chars[at]!]!;
  return chars.join('');
};

const HOMOGLYPHS = [
  ...['Pavel Durov', 'Alice Smith', 'Sviatlana Tsikhanouskaya', 'Maria Kalesnikava', 'Yury Dud', 'Piotr Nowak', 'Charles Xavier'].map((n) =>
    swapOne(n, LATIN_TO_LOOKALIKE),
  ),
  ...['Аляксандр Лукашэвіч', 'Олександр Коваленко', 'Марія Петрук', 'Сергей Тихановский', 'Ірына Хадарэнка'].map((n) =>
    swapOne(n, CYRILLIC_TO_LATIN),
  ),
  'J\u03BFhn Smith', // Greek omicron
  'Ivan \u03A1etrov', // Greek Rho
  'J\u0585hn Smith', // Armenian o
  'Ivan Іваноў', // Latin and Cyrillic words in one name
  'Pavel Дуров',
  'Anna \u13AAmith', // Cherokee letter that looks like A
  '王伟 Ван', // Han with Cyrillic
];

const INVISIBLES = [
  ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u3164', '\u115F', '\u1160', '\uFFA0', '\u2800', '\u180E', '\u034F', '\u2062', '\u2064'].map(
    (c) => `Anna${c}Smith`,
  ),
  'Anna\u{E0041}\u{E007F} Smith', // tag characters
  'Anna\uFE0F Smith', // a variation selector on a letter
  '\u3164',
  '\u115F\u1160',
  '\u2800\u2800',
  '\u200B',
  'Anna\u0000Smith',
  'Anna\u0007',
  '\u001B[31mAnna',
  'Anna\u007F',
  'Anna\u009B1m',
  'Anna\tSmith',
];

const DIRECTION = ['\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'].map(
  (c) => `Anna ${c}htimS`,
);

const LINE_BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C'].map((c) => `Anna${c}Bcc: victim@example.org`);

const MARK_STACKS = [
  'Z\u0337\u0322\u031Balgo',
  `A${'\u0301\u0300\u0302\u0303\u0304'}nna`,
  `Anna${'\u0336'.repeat(3)}`,
  'Ann\u0308\u0308a', // one mark twice
  'Ива\u0301\u0300\u0304н',
  `\u05E9${'\u05B0\u05B1\u05B2\u05B3\u05B4'}`, // five Hebrew points on one letter
  'a\u20DD\u20DE\u20DF', // enclosing marks
];

const BADGE_WORDS = [
  'Ivan Petrov verified',
  'Ivan Petrov (Verified)',
  'VERIFIED Anna',
  'Notable: Ivan',
  'Anna, vetted',
  'Anna (verified at @gov.by)',
  'Anna @company.by',
  'Anna Smith ✔',
  '✅ Anna',
  'Anna ☑',
  'Anna ✓',
  '\uFF56\uFF45\uFF52\uFF49\uFF46\uFF49\uFF45\uFF44 Anna', // fullwidth "verified"
  'Иван Петров (подтверждено)',
  'Иван Петров, проверено организаторами',
  'Ольга — известная подпись',
  'Подтверждённый Иван',
  'Іван Петренко підтверджено',
  'Іван, перевірено організаторами',
  'Відомий підпис Ганна',
  'Аляксандр — пацверджана',
  'Вядомы подпіс Алесь',
  'Алесь (праверана арганізатарамі)',
];

const OTHER_REFUSED = [
  '𝐀𝐥𝐢𝐜𝐞 𝐒𝐦𝐢𝐭𝐡', // mathematical bold
  '𝒜𝓃𝓃𝒶',
  'Anna \uE000', // private use
  'Anna \uFFFD',
  'Anna \uD800',
  'Anna \uFFFF',
  'ᚠᚢᚦᚨ', // Runic
  '...',
  '123',
  '🤍❤️🤍',
  '',
  '   ',
  '\u3000',
  'A'.repeat(121),
];

const REFUSED = [...HOMOGLYPHS, ...INVISIBLES, ...DIRECTION, ...LINE_BREAKS, ...MARK_STACKS, ...BADGE_WORDS, ...OTHER_REFUSED];

const ACCEPTED = [
  // Belarusian, with the three apostrophes people type: ' ’ ʼ
  'Святлана Ціханоўская',
  'Аляксандр Лукашэвіч',
  "Мар'я Калеснікава",
  'Мар’я Калеснікава',
  'Марʼя Калеснікава',
  'Ян Баршчэўскі',
  'Францішак Багушэвіч',
  'Алесь Бяляцкі',
  'Уладзімір Караткевіч',
  'Ганна-Марыя Кавалёва',
  "Зьміцер Дашкевіч-Вар'ят",
  // Russian
  'Иван Петров',
  'Фёдор Достоевский',
  'Салтыков-Щедрин',
  'Ольга Ивановна Смирнова',
  'Мари\u0301я Ивано\u0301ва', // stress marks
  // Ukrainian
  'Олександр Ковальчук',
  "Мар'яна Бойко",
  'Мар’яна Бойко',
  'Марʼяна Бойко',
  "В'ячеслав Чорновіл",
  'Ґалаґан Їжакевич',
  'Євгенія Ярошенко',
  'Сергій Жадан',
  // Polish
  'Łukasz Wąsowski',
  'Małgorzata Żółtowska',
  'Grzegorz Brzęczyszczykiewicz',
  'Agnieszka Kowalska-Nowak',
  // Lithuanian
  'Žygimantas Čiurlionis',
  'Gabrielius Landsbergis',
  'Ūla Šimkūnaitė',
  'Ąžuolas Ėglė',
  // Georgian
  'ნინო ბერიძე',
  'გიორგი ჭავჭავაძე',
  // Armenian
  'Անի Պետրոսյան',
  'Արամ Խաչատրյան',
  // Hebrew
  'דוד בן־גוריון',
  'שָׁלוֹם כֹּהֵן',
  'יעל לוי',
  // Arabic, Persian, Urdu
  'محمد علي',
  'فاطمة الزهراء',
  'عبد الله بن عمر',
  'علی\u200Cرضا',
  'عمران خان',
  // Chinese, Japanese, Korean
  '王伟',
  '張學友',
  '王伟 Wang Wei',
  '陳·大文',
  '山田 はなこ',
  '田中 タロウ',
  '佐藤・ヒロシ',
  '김민준',
  '李 민준',
  // Vietnamese
  'Nguyễn Thị Minh Khai',
  'Trần Hưng Đạo',
  'Phạm Văn Đồng',
  'Nguye\u0302\u0303n Va\u0306n A', // decomposed, as some keyboards send it
  // Others, with apostrophes and hyphens
  "Seán O'Brien",
  'Anne-Marie D’Arcy',
  'Mary-Kate O’Neil',
  'Dr. John Smith Jr.',
  'José María Aznar',
  'Zoë Saldaña',
  "Ngũgĩ wa Thiong'o",
  'Bjørn Ødegård',
  'Ævar Þórsson',
  'İlkay Gündoğan',
  'Αλέξης Τσίπρας',
  'अमिताभ बच्चन',
  'சுப்பிரமணியன்',
  'สมชาย ใจดี',
  'አበበ ቢቂላ',
  'Louis XIV',
  'Anna 🤍❤️🤍',
  'Anna Smith 👩\u200D💻',
];

describe('the one-line text rule, on a corpus of names', () => {
  it('has a corpus of more than a hundred names', () => {
    expect(ACCEPTED.length).toBeGreaterThan(70);
    expect(REFUSED.length).toBeGreaterThan(100);
  });

  it.each(REFUSED.map((name) => [JSON.stringify(name), name]))('refuses the name %s', (_, name) => {
    expect(problem('name', name)).toMatch(/^(Name|Enter your name)/);
  });

  it.each(ACCEPTED.map((name) => [name]))('accepts the name %s', (name) => {
    expect(problem('name', name)).toBeUndefined();
    expect(sign({ name }).data?.name).toBe(name.normalize('NFC'));
  });

  it('refuses the marks the site itself shows beside names, in every language of the site', () => {
    for (const lang of ['en', 'be', 'ru', 'uk'] as const) {
      const m = messagesFor(lang);
      for (const mark of [m.notable, `${m.verifiedAt} @company.by`, `${m.vettedBy} a friend`, m.domainSigners.one]) {
        expect(problem('name', `Anna ${mark}`), `${lang}: ${mark}`).toBeDefined();
        expect(problem('title', `Engineer, ${mark}`), `${lang}: ${mark}`).toBeDefined();
      }
    }
  });

  it('says per field, in words, what is wrong', () => {
    expect(problem('name', 'Anna\u200BSmith')).toBe('Name contains invisible characters (such as zero-width spaces or blank letters).');
    expect(problem('name', 'P\u0430vel Durov')).toBe(
      'Name mixes scripts (Latin and Cyrillic: “а” is Cyrillic). Letters that look alike can come from different alphabets: type it in one.',
    );
    expect(problem('name', 'Аляксандр Лукашэвiч')).toMatch(/^Name mixes scripts \(Cyrillic and Latin: “i” is Latin\)/);
    expect(problem('name', 'Anna \u202Eevil')).toBe('Name contains characters that change the direction of the text.');
    expect(problem('name', 'Anna\u2028Smith')).toBe('Name must be one line.');
    expect(problem('name', 'Z\u0337\u0322\u031Balgo')).toBe('Name stacks too many accents or marks on one letter.');
    expect(problem('name', 'Anna (verified)')).toBe('Name cannot contain “verified”: the site marks verified and notable signatories itself.');
    expect(problem('title', 'Engineer\nBcc: x')).toBe('Title must be one line.');
    expect(problem('organisation', 'Ac\u200Bme')).toMatch(/^Organisation contains invisible characters/);
    expect(problem('city', 'Мiнск')).toMatch(/^City mixes scripts in “Мiнск” \(Cyrillic and Latin/);
    expect(problem('name', '')).toBe('Enter your name.');
  });

  it('takes titles and organisations that mix scripts between words, not within one', () => {
    for (const title of ['IT-директор', 'Senior engineer в EPAM', 'Старшы інжынер, EPAM Systems', 'CEO, PandaDoc', 'Інжынер-праграміст']) {
      expect(problem('title', title), title).toBeUndefined();
    }
    for (const [title, why] of [
      ['V\u0435rified engineer', 'a homoglyph'],
      ['Director (verified)', 'a badge word'],
      ['Developer @epam.com', 'a verified-domain look-alike'],
      ['Head\u2028of staff', 'a line separator'],
    ]) {
      expect(problem('title', title!), why).toBeDefined();
    }
    expect(problem('organisation', 'Developer @ EPAM')).toBeUndefined();
  });

  it('collapses spaces of any width and puts the text in NFC', () => {
    expect(oneLine('  Anna \u00A0\u3000 Smith  ')).toBe('Anna Smith');
    expect(sign({ name: 'Zoe\u0308  Smith' }).data?.name).toBe('Zoë Smith');
  });

  it('holds letter titles to the same rule, without the signer-only words', () => {
    const letter = (title: string) => LetterInput.safeParse({ slug: 'x', title, body: 'Text' });
    expect(letter('Open letter of the IT sector: Адкрыты ліст').success).toBe(true);
    expect(letter('Verified facts about the election').success).toBe(true);
    expect(letter('Letter\u2028Bcc: x').success).toBe(false);
    expect(letter('Fr\u0435e them').success).toBe(false);
    expect(letter('Free\u200Bthem').success).toBe(false);
  });
});
