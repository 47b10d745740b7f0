import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { anyLetter } from './letters.ts';
import type { Actor, ExportFilter, ExportRow, Letter } from './entities.ts';
import { signatureState, signatureStateOf } from './signature-state.ts';
import type { Store } from './store.ts';
import { parseInput } from './validation.ts';

// A page's rows are garbage once written. Pages of a thousand outlived young-generation collections
// and filled the old generation, so memory grew with the export (docs/performance.md#export-memory).
const PAGE_SIZE = 250;

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])], { error: 'Use true or false.' })
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes')
  .default(false);
const date = (label: string) =>
  z
    .string({ error: `${label} must be a date.` })
    .refine((v) => !Number.isNaN(Date.parse(v)), `${label} must be a date like 2020-08-17 or 2020-08-17T12:00:00Z.`)
    .transform((v) => new Date(v))
    .optional();

/** What to export, from query parameters or command-line options. */
export const ExportOptions = z.strictObject({
  format: z.enum(['csv', 'jsonl'], { error: 'Format is csv or jsonl.' }),
  status: signatureState('Status').optional(),
  from: date('From'),
  to: date('To'),
  includeEmail: flag,
  /** A byte order mark, so that Excel reads the CSV as UTF-8. */
  bom: flag,
});
export type ExportOptions = z.infer<typeof ExportOptions>;

export interface Export {
  letter: Letter;
  options: ExportOptions;
  /** How many rows the export holds. */
  size: number;
  /** The file, in chunks of a page of rows: memory does not grow with the list. */
  chunks: AsyncGenerator<{ text: string; rows: number }>;
}

/**
 * Exports a letter's signatures as RFC 4180 CSV (UTF-8, CRLF, cells that could run as spreadsheet
 * formulas prefixed with ') or as JSON Lines. The export, and whether it includes email addresses,
 * is written to the audit log before the first row leaves.
 */
export async function exportSignatures(store: Store, actor: Actor, slug: string, params: unknown, now: Date): Promise<Export> {
  const letter = await anyLetter(store, slug);
  const options = parseInput(ExportOptions, params);
  const filter: ExportFilter = { state: options.status, from: options.from, to: options.to };
  const size = await store.exportSize(letter.id, filter);
  await store.recordAudit({
    at: now,
    actor: actor.name,
    action: 'export',
    letterId: letter.id,
    detail: {
      format: options.format,
      status: options.status ?? 'all',
      ...(options.from && { from: options.from.toISOString() }),
      ...(options.to && { to: options.to.toISOString() }),
      includeEmail: options.includeEmail,
      rows: size,
    },
  });
  return { letter, options, size, chunks: chunks(store, letter.id, filter, options) };
}

async function* chunks(store: Store, letterId: number, filter: ExportFilter, options: ExportOptions) {
  const columns = [...COLUMNS, ...(options.includeEmail ? ['email' as const] : [])];
  let after = 0;
  let first = true;
  for (;;) {
    const page = await store.exportPage(letterId, filter, after, PAGE_SIZE);
    if (page.length === 0 && !first) return;
    // Rows as arrays in column order: csv-stringify then takes each field by position, where for an
    // object it would look each column up as a property path.
    const records = page.map((row) => fields(row, options.includeEmail));
    const text =
      options.format === 'csv'
        ? stringify(records, {
            columns,
            header: first,
            bom: first && options.bom,
            escape_formulas: true,
            record_delimiter: 'windows',
            cast: { boolean: (value) => (value ? 'true' : 'false'), number: integerText },
          })
        : records.map((r) => `${JSON.stringify(Object.fromEntries(columns.map((column, i) => [column, r[i]])))}\n`).join('');
    yield { text, rows: page.length };
    first = false;
    if (page.length < PAGE_SIZE) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * A number's decimal digits, made without V8's number-to-string cache. The cache keeps the last
 * 16,384 strings it made alive, and at an export's rate of allocation an id's string outlived two
 * young collections there and moved to the old generation, raising the export's peak memory
 * (docs/performance.md#export-memory).
 */
function integerText(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

const COLUMNS = [
  'id',
  'number',
  'state',
  'name',
  'title',
  'organisation',
  'city',
  'listed',
  'listed_from',
  'verified_domain',
  'notable',
  'notable_note',
  'lang',
  'signed_at',
  'confirmed_at',
] as const;

/** A row's fields, in the order of {@link COLUMNS} (then the email). */
function fields(row: ExportRow, includeEmail: boolean): unknown[] {
  const values = [
    row.id,
    row.signatoryNumber,
    signatureStateOf(row),
    row.name,
    row.title,
    row.organisation,
    row.city,
    row.listed,
    row.listThreshold,
    row.emailDomain,
    row.notable,
    row.notableNote,
    row.lang,
    row.createdAt.toISOString(),
    row.verifiedAt?.toISOString() ?? null,
  ];
  if (includeEmail) values.push(row.email);
  return values;
}
