import type { Letter, Organizer } from '../../domain/entities.ts';
import { LISTING_STATUSES } from '../../domain/listing-status.ts';
import { languageName } from '../language-name.ts';
import { AdminLayout } from './layout.tsx';

/** The page's words, in one place for a later translation of the admin pages. */
const TEXT = {
  title: (title: string) => `Deliver: ${title}`,
  back: 'Back to the letter',
  exportHeading: 'Export the signatures',
  exportHint:
    'The same export as the command line’s and the API’s: every export, and whether it holds email addresses, is written to the audit log.',
  status: 'Status',
  allStatuses: 'all',
  from: 'Signed from (UTC)',
  to: 'Signed before (UTC)',
  includeEmail: 'With email addresses',
  forExcel: 'For Excel (UTF-8 with a byte order mark)',
  forExcelHint:
    'Rows end in CRLF and cells that a spreadsheet would run as a formula start with an apostrophe, in every CSV. Excel splits a double-clicked CSV by the system’s list separator: where that is a semicolon, open it with Data › From Text/CSV.',
  csv: 'Download CSV',
  jsonl: 'Download JSON Lines',
  editionHeading: 'The edition to hand over',
  editionHint:
    'The letter, its date, its signed count with a QR code to check it, and the listed signatories (notable first), as the public list shows them: names waiting for a threshold, hidden and unlisted ones stay out.',
  language: 'Language',
  page: 'Print page',
  pdf: 'PDF',
  pdfUnavailable: 'No PDF here',
  pdfOnNode:
    'This server runs on Cloudflare Workers, where the PDF library cannot run: the PDF is made only by the Node server. Open the print page and use the browser’s Print, which can save it as a PDF.',
};

export function DeliverPage(props: { organizer: Organizer; csrf: string; letter: Letter; languages: string[] }) {
  const { letter } = props;
  const base = `/admin/letters/${letter.slug}`;
  return (
    <AdminLayout title={TEXT.title(letter.title)} organizer={props.organizer} csrf={props.csrf}>
      <p>
        <a href={base}>{TEXT.back}</a>
      </p>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{TEXT.exportHeading}</h2>
        <p class="hint">{TEXT.exportHint}</p>
        {/* GET, as the export only reads: the session cookie is SameSite=Strict, so no other site's page can start it. */}
        <form method="get" action={`${base}/export.csv`} class="export">
          <div class="field">
            <label for="export-status">{TEXT.status}</label>
            <select id="export-status" name="status">
              <option value="">{TEXT.allStatuses}</option>
              {LISTING_STATUSES.map((status) => (
                <option value={status}>{status}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="export-from">{TEXT.from}</label>
            <input id="export-from" name="from" type="date" />
          </div>
          <div class="field">
            <label for="export-to">{TEXT.to}</label>
            <input id="export-to" name="to" type="date" />
          </div>
          <div class="field checkbox">
            <input id="export-email" name="includeEmail" type="checkbox" value="true" /> <label for="export-email">{TEXT.includeEmail}</label>
          </div>
          <div class="field checkbox">
            <input id="export-bom" name="bom" type="checkbox" value="true" aria-describedby="export-bom-hint" />{' '}
            <label for="export-bom">{TEXT.forExcel}</label>
            <p class="hint" id="export-bom-hint">
              {TEXT.forExcelHint}
            </p>
          </div>
          <button type="submit">{TEXT.csv}</button> <button type="submit" formaction={`${base}/export.jsonl`}>{TEXT.jsonl}</button>
        </form>
      </section>
      <section aria-labelledby="edition-heading">
        <h2 id="edition-heading">{TEXT.editionHeading}</h2>
        <p class="hint">{TEXT.editionHint}</p>
        <form method="get" action={`${base}/edition`} class="edition">
          <div class="field">
            <label for="edition-lang">{TEXT.language}</label>
            <select id="edition-lang" name="lang">
              {props.languages.map((lang) => (
                <option value={lang} selected={lang === letter.lang}>
                  {languageName(lang)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{TEXT.page}</button> <button type="submit" formaction={`${base}/edition.pdf`}>{TEXT.pdf}</button>
        </form>
      </section>
    </AdminLayout>
  );
}


/** The answer to a PDF asked of a runtime that cannot make one (Workers): where to print instead. */
export function PdfUnavailablePage(props: { organizer: Organizer; csrf: string; letter: Letter; lang: string }) {
  const page = `/admin/letters/${props.letter.slug}/edition?lang=${encodeURIComponent(props.lang)}`;
  return (
    <AdminLayout title={TEXT.pdfUnavailable} organizer={props.organizer} csrf={props.csrf}>
      <p>{TEXT.pdfOnNode}</p>
      <p>
        <a href={page}>{TEXT.page}</a>
      </p>
    </AdminLayout>
  );
}
