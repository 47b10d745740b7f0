import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportSignatures } from '../../src/domain/export.ts';
import type { ExportRow, Letter } from '../../src/domain/entities.ts';
import type { Store } from '../../src/domain/store.ts';

const letter = { id: 1, slug: 'l', state: 'open' } as Letter;

function storeWith(rows: ExportRow[]) {
  const pages: number[] = [];
  const store = {
    letterBySlug: async () => letter,
    exportSize: async () => rows.length,
    exportPage: async (_letterId: number, _filter: unknown, after: number, limit: number) => {
      const page = rows.filter((r) => r.id > after).slice(0, limit);
      pages.push(page.length);
      return page;
    },
    recordAudit: async () => {},
  } as unknown as Store;
  return { store, pages };
}

const row = (id: number, fields: Partial<ExportRow> = {}): ExportRow => ({
  id,
  signatoryNumber: id,
  status: 'verified',
  hidden: false,
  notable: false,
  notableNote: null,
  listed: true,
  listThreshold: null,
  emailDomain: null,
  name: `Name ${id}`,
  email: `n${id}@example.org`,
  title: null,
  organisation: null,
  city: null,
  lang: 'en',
  createdAt: new Date(0),
  verifiedAt: new Date(1000),
  ...fields,
});

const actor = { organizerId: 1, name: 'Alice' };

async function csv(rows: ExportRow[], params: Record<string, unknown> = {}) {
  const { store, pages } = storeWith(rows);
  const file = await exportSignatures(store, actor, 'l', { format: 'csv', ...params }, new Date());
  let text = '';
  for await (const chunk of file.chunks) text += chunk.text;
  return { text, pages };
}

describe('CSV export', () => {
  it('neutralises every cell that a spreadsheet would run as a formula', async () => {
    const prefixes = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'];
    const { text } = await csv(prefixes.map((p, i) => row(i + 1, { organisation: p })));
    const rows = parse(text, { columns: true }) as { organisation: string }[];
    expect(rows.map((r) => r.organisation)).toEqual(prefixes.map((p) => `'${p}`));
  });

  it('writes a header once and pages through the rows 250 at a time', async () => {
    const { text, pages } = await csv(Array.from({ length: 600 }, (_, i) => row(i + 1)));
    expect(pages).toEqual([250, 250, 100]);
    expect(text.match(/^id,/gm)).toHaveLength(1);
    expect(parse(text, { columns: true })).toHaveLength(600);
  });

  it('writes only the header for an empty list', async () => {
    const { text } = await csv([]);
    expect(text).toBe('id,number,state,name,title,organisation,city,listed,listed_from,verified_domain,notable,notable_note,lang,signed_at,confirmed_at\r\n');
  });

  it('shows a hidden signature as hidden', async () => {
    const { text } = await csv([row(1, { hidden: true })]);
    expect((parse(text, { columns: true }) as { state: string }[])[0]!.state).toBe('hidden');
  });
});
