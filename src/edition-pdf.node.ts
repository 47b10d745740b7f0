import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { encode } from 'uqr';
import { editionQrText, type Edition } from './domain/edition.ts';
import type { PublicSignature } from './domain/entities.ts';
import { displayCount } from './domain/count-display.ts';
import { plural } from './i18n/index.ts';
import { markdownBlocks, type TextBlock } from './markdown.ts';
import { editionCount, editionLanguage, editionLinks, type EditionPdfMaker } from './views/edition.tsx';
import { formatDay } from './views/letter-meta.tsx';

const require = createRequire(import.meta.url);

/**
 * The subsets of Noto Sans (@fontsource/noto-sans, as the link cards use) that the PDF draws with, in
 * the order they are tried for each character: the alphabets of the site's languages first, then
 * those other European names are written in. Scripts none of them covers (Arabic, Hebrew, CJK)
 * come out as empty boxes and are logged; the print page, drawn by the browser, shows every script.
 */
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'] as const;
const WEIGHTS = [400, 700] as const;
type Weight = (typeof WEIGHTS)[number];

interface SubsetFont {
  /** Its name in the document: `cyrillic-700`. */
  name: string;
  weight: Weight;
  data: Buffer;
  covers(codePoint: number): boolean;
}

const MM = 72 / 25.4;
const MARGIN = 16 * MM;
const QR_SIZE = 40 * MM;
const COLUMNS = 3;
const COLUMN_GAP = 6 * MM;

/**
 * Makes the PDF edition of a letter with pdfkit: A4, the text, the signed count with its QR code,
 * the names in three columns. The fonts are read once, at the first PDF.
 */
export function createEditionPdf(publicUrl: string, onMissingGlyphs: (text: string) => void): EditionPdfMaker {
  let fonts: Promise<SubsetFont[]> | undefined;
  const load = () =>
    (fonts ??= Promise.all(
      WEIGHTS.flatMap((weight) =>
        SUBSETS.map(async (subset) => {
          const data = await readFile(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`));
          const font = fontkit.create(data);
          return { name: `${subset}-${weight}`, weight, data, covers: (codePoint: number) => font.hasGlyphForCodePoint(codePoint) } satisfies SubsetFont;
        }),
      ),
    ));

  return async (edition) => {
    const subsets = await load();
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      lang: edition.text.lang,
      info: { Title: edition.text.title, Creator: 'Undersigned' },
      displayTitle: true,
    });
    for (const font of subsets) doc.registerFont(font.name, font.data);
    const subsetFonts = new Map(WEIGHTS.map((weight) => [weight, subsets.filter((font) => font.weight === weight)]));
    const missing = new Set<string>();
    const writer = new RunWriter(doc, subsetFonts, missing);
    layOut(doc, writer, edition, publicUrl);
    if (missing.size > 0) onMissingGlyphs([...missing].join(''));

    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks);
    return new Uint8Array(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength)) as Uint8Array<ArrayBuffer>;
  };
}

/** Writes text in runs of the first subset font that has each character, as one flow pdfkit wraps. */
class RunWriter {
  constructor(
    private doc: PDFKit.PDFDocument,
    private fonts: Map<Weight, SubsetFont[]>,
    private missing: Set<string>,
  ) {}

  /** Text as runs of one font each: a space stays in the run it is in. */
  runs(text: string, weight: Weight): { font: string; text: string }[] {
    const fonts = this.fonts.get(weight)!;
    const runs: { font: string; text: string }[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      const last = runs.at(-1);
      let font = fonts.find((f) => f.covers(codePoint));
      if (!font) {
        if (!/\s/u.test(char)) this.missing.add(char);
        font = fonts[0]!;
      }
      if (last && (last.font === font.name || /\s/u.test(char))) last.text += char;
      else runs.push({ font: font.name, text: char });
    }
    return runs;
  }

  /** Writes parts of text, each in its weight, as one paragraph at the current position. */
  write(parts: { text: string; weight: Weight }[], size: number, options: PDFKit.Mixins.TextOptions = {}) {
    const runs = parts.flatMap((part) => this.runs(part.text, part.weight));
    if (runs.length === 0) return;
    this.doc.fontSize(size);
    runs.forEach((run, i) => {
      this.doc.font(run.font).text(run.text, { ...options, continued: i < runs.length - 1 });
    });
  }

  /**
   * How tall parts of text come out at `width`, at most: measured whole in each font its runs use
   * (pdfkit measures in one font), the tallest kept, so that a name is never split by a page.
   */
  height(parts: { text: string; weight: Weight }[], size: number, width: number): number {
    const text = parts.map((p) => p.text).join('');
    const fonts = new Set(parts.flatMap((part) => this.runs(part.text, part.weight).map((run) => run.font)));
    this.doc.fontSize(size);
    return Math.max(0, ...[...fonts].map((font) => this.doc.font(font).heightOfString(text, { width })));
  }
}

function layOut(doc: PDFKit.PDFDocument, writer: RunWriter, edition: Edition, publicUrl: string) {
  const language = editionLanguage(edition);
  const { m, lang } = language;
  const { text, letter } = edition;
  const width = doc.page.width - 2 * MARGIN;
  const regular = (t: string) => ({ text: t, weight: 400 as const });
  const bold = (t: string) => ({ text: t, weight: 700 as const });

  writer.write([bold(text.title)], 20);
  doc.moveDown(0.5);
  const meta: [string, string | null][] = [
    [m.organisedBy, text.organisedBy],
    [m.addressedTo, text.addressee],
    [m.letterDate, letter.publishedOn && formatDay(letter.publishedOn, lang)],
  ];
  for (const [term, value] of meta) if (value) writer.write([bold(`${term}: `), regular(value)], 10.5);
  doc.moveDown();

  for (const block of markdownBlocks(text.body)) writeBlock(doc, writer, block, width);

  // The count and its proof stay together on one page.
  const links = editionLinks(edition, publicUrl);
  if (doc.y + QR_SIZE + 60 > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown();
  writer.write([bold(editionCount(edition, language))], 14);
  doc.moveDown(0.5);
  const top = doc.y;
  drawQr(doc, editionQrText(edition.proof), MARGIN, top, QR_SIZE);
  const textX = MARGIN + QR_SIZE + 6 * MM;
  doc.x = textX;
  doc.y = top;
  const textWidth = width - QR_SIZE - 6 * MM;
  writer.write([bold(m.edition.checkTitle)], 10.5, { width: textWidth });
  writer.write([regular(m.edition.checkText(links.key))], 9, { width: textWidth });
  doc.moveDown(0.5);
  writer.write([regular(`${m.edition.online} ${links.letter}`)], 9, { width: textWidth });
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, top + QR_SIZE);

  doc.addPage();
  writer.write([bold(m.signatories)], 16);
  doc.moveDown(0.5);
  if (edition.signatures.length === 0) writer.write([regular(m.noOneListed)], 10.5);
  writeColumns(doc, writer, edition.signatures, language.m, doc.y);
  if (edition.unlisted > 0) {
    doc.x = MARGIN;
    doc.moveDown();
    writer.write([regular(`${m.and} ${displayCount(edition.unlisted, lang)} ${plural(lang, edition.unlisted, m.others)}`)], 10.5, { width });
  }
}

function writeBlock(doc: PDFKit.PDFDocument, writer: RunWriter, block: TextBlock, width: number) {
  const indent = block.kind === 'item' || block.kind === 'quote' ? block.level * 6 * MM : 0;
  doc.x = MARGIN + indent;
  const options = { width: width - indent, paragraphGap: 4 };
  if (block.kind === 'heading') writer.write([{ text: block.text, weight: 700 }], Math.max(11, 17 - block.level * 1.5), options);
  else if (block.kind === 'item') writer.write([{ text: `${block.mark ?? '•'} ${block.text}`, weight: 400 }], 10.5, options);
  else writer.write([{ text: block.text, weight: 400 }], block.kind === 'code' ? 9.5 : 10.5, options);
  doc.x = MARGIN;
}

/** The names flow down three columns, page after page; a name with its details is never split. */
function writeColumns(doc: PDFKit.PDFDocument, writer: RunWriter, signatures: PublicSignature[], m: { verifiedAt: string; notable: string }, top: number) {
  const columnWidth = (doc.page.width - 2 * MARGIN - (COLUMNS - 1) * COLUMN_GAP) / COLUMNS;
  const bottom = doc.page.height - MARGIN;
  let column = 0;
  let y = top;
  let lowest = top;
  for (const s of signatures) {
    const details = [s.title, s.organisation, s.city].filter(Boolean).join(', ');
    const domain = s.domain ? ` (${m.verifiedAt} ${s.domainOrganisation ? `${s.domainOrganisation}, @${s.domain}` : `@${s.domain}`})` : '';
    const parts = [
      { text: s.name ?? '', weight: (s.position.notable ? 700 : 400) as Weight },
      { text: `${details ? `, ${details}` : ''}${domain}${s.position.notable ? ` · ${m.notable}` : ''}`, weight: 400 as Weight },
    ].filter((p) => p.text !== '');
    const height = writer.height(parts, 8.5, columnWidth) + 3;
    if (y + height > bottom) {
      column++;
      y = top;
      if (column === COLUMNS) {
        doc.addPage();
        column = 0;
        y = MARGIN;
        top = MARGIN;
        lowest = MARGIN;
      }
    }
    doc.x = MARGIN + column * (columnWidth + COLUMN_GAP);
    doc.y = y;
    writer.write(parts, 8.5, { width: columnWidth });
    y = Math.max(doc.y, y + height);
    lowest = Math.max(lowest, y);
  }
  doc.x = MARGIN;
  doc.y = lowest;
}

/** A QR code of `text` as filled squares, with its quiet zone: vector, sharp at any print size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { data, size: modules } = encode(text, { ecc: 'M', border: 4 });
  const module = size / modules;
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) doc.rect(x + c * module, y + r * module, module, module);
    }),
  );
  doc.fill().restore();
}
