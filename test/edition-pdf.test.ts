import { describe, expect, it } from 'vitest';
import { importCountSigningKey, newCountSigningKey, proveCount } from '../src/domain/count-proof.ts';
import type { Edition } from '../src/domain/edition.ts';
import type { Letter, PublicSignature } from '../src/domain/entities.ts';
import { createEditionPdf } from '../src/edition-pdf.node.ts';
import { pdfText } from './support/pdf-text.ts';

const LETTER = {
  id: 1,
  slug: 'a-letter',
  title: 'Адкрыты ліст',
  body: '# Heading\n\nWe ask, with [a link](https://example.org/why).\n\n- one\n- two\n\n> quoted',
  summary: null,
  organisedBy: 'Ініцыятыўная група',
  addressee: null,
  publishedOn: '2026-03-25',
  lang: 'be',
  status: 'open',
  deadline: null,
  goal: null,
  closedAt: null,
  anonymiseAfterDays: null,
  formFields: {},
  listThresholds: [],
  listDelayHours: 0,
  proofOfWork: false,
  signatureCount: 1203,
  listedCount: 1200,
  countUpdatedAt: new Date('2026-04-01T10:00:00Z'),
  updatedAt: new Date('2026-04-01T10:00:00Z'),
} as unknown as Letter;

const signatory = (name: string, i: number, extra: Partial<PublicSignature> = {}): PublicSignature => ({
  name,
  title: null,
  organisation: null,
  city: null,
  domain: null,
  domainOrganisation: null,
  notableNote: null,
  position: { notable: false, verifiedAt: new Date(0), id: i },
  ...extra,
});

async function edition(signatures: PublicSignature[]): Promise<Edition> {
  const key = await importCountSigningKey(await newCountSigningKey());
  const text = { lang: 'be', title: LETTER.title, body: LETTER.body, summary: null, organisedBy: LETTER.organisedBy, addressee: null, languages: ['be'] };
  return { letter: LETTER, text, signatures, unlisted: 3, proof: await proveCount(LETTER, key) };
}

describe('the PDF edition', () => {
  it('lays out a long list over pages in columns, every name there once, Latin and Cyrillic alike', async () => {
    const names = Array.from({ length: 1200 }, (_, i) => (i % 2 ? `Signer Number ${i}` : `Падпісант Нумар ${i}`));
    const missing: string[] = [];
    const make = createEditionPdf('https://letters.example', (text) => missing.push(text));
    const signatures = names.map((name, i) => signatory(name, i, i === 0 ? { position: { notable: true, verifiedAt: new Date(0), id: 0 } } : {}));
    const { pages, text } = await pdfText(await make(await edition(signatures)));
    expect(pages).toBeGreaterThan(5);
    const lines = text.split('\n');
    for (const name of names) expect(lines.filter((line) => line.startsWith(name) && !/\d/.test(line.charAt(name.length))), name).toHaveLength(1);
    expect(text).toContain('Heading');
    expect(text).toContain('We ask, with a link (https://example.org/why).');
    expect(text).toContain('1203 подпісы па стане на 1 красавіка 2026 г. у 10:00 UTC');
    expect(text).toContain('і яшчэ 3');
    expect(text).toContain('Ініцыятыўная група');
    expect(missing).toEqual([]);
  });

  it('wraps a name too long for its column, and draws what no bundled font covers as boxes, saying so', async () => {
    const long = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeit';
    const missing: string[] = [];
    const make = createEditionPdf('https://letters.example', (text) => missing.push(text));
    const pdf = await make(await edition([signatory(long, 1), signatory('محمد العربي', 2), signatory('Ann Lee', 3, { organisation: 'A & B <C>' })]));
    const { text } = await pdfText(pdf);
    expect(text.replace(/\n/g, '')).toContain(long);
    expect(text).toContain('Ann Lee, A & B <C>');
    expect(missing.join('')).toContain('م');
  });
});
