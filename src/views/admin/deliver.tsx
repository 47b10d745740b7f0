import type { Letter } from '../../domain/entities.ts';
import { LISTING_STATUSES } from '../../domain/listing-status.ts';
import { languageName } from '../language-name.ts';
import { AdminLayout, type AdminPageProps } from './layout.tsx';

export function DeliverPage(props: AdminPageProps & { letter: Letter; languages: string[] }) {
  const { letter, language } = props;
  const a = language.m.admin;
  const t = a.deliver;
  const base = `/admin/letters/${letter.slug}`;
  return (
    <AdminLayout title={t.title(letter.title)} organizer={props.organizer} csrf={props.csrf} language={language} path={`${base}/deliver`}>
      <p>
        <a href={base}>{a.backToLetter}</a>
      </p>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t.exportHeading}</h2>
        <p class="hint">{t.exportHint}</p>
        {/* GET, as the export only reads: the session cookie is SameSite=Strict, so no other site's page can start it. */}
        <form method="get" action={`${base}/export.csv`} class="export">
          <div class="field">
            <label for="export-status">{t.status}</label>
            <select id="export-status" name="status">
              <option value="">{t.allStatuses}</option>
              {LISTING_STATUSES.map((status) => (
                <option value={status}>{a.listingStatuses[status]}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="export-from">{t.from}</label>
            <input id="export-from" name="from" type="date" />
          </div>
          <div class="field">
            <label for="export-to">{t.to}</label>
            <input id="export-to" name="to" type="date" />
          </div>
          <div class="field checkbox">
            <input id="export-email" name="includeEmail" type="checkbox" value="true" /> <label for="export-email">{t.includeEmail}</label>
          </div>
          <div class="field checkbox">
            <input id="export-bom" name="bom" type="checkbox" value="true" aria-describedby="export-bom-hint" />{' '}
            <label for="export-bom">{t.forExcel}</label>
            <p class="hint" id="export-bom-hint">
              {t.forExcelHint}
            </p>
          </div>
          <button type="submit">{t.csv}</button> <button type="submit" formaction={`${base}/export.jsonl`}>{t.jsonl}</button>
        </form>
      </section>
      <section aria-labelledby="edition-heading">
        <h2 id="edition-heading">{t.editionHeading}</h2>
        <p class="hint">{t.editionHint}</p>
        <form method="get" action={`${base}/edition`} class="edition">
          <div class="field">
            <label for="edition-lang">{t.language}</label>
            <select id="edition-lang" name="lang">
              {props.languages.map((lang) => (
                <option value={lang} selected={lang === letter.lang}>
                  {languageName(lang)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.page}</button> <button type="submit" formaction={`${base}/edition.pdf`}>{t.pdf}</button>
        </form>
      </section>
    </AdminLayout>
  );
}

/** The answer to a PDF asked of a runtime that cannot make one (Workers): where to print instead. */
export function PdfUnavailablePage(props: AdminPageProps & { letter: Letter; lang: string }) {
  const t = props.language.m.admin.deliver;
  const page = `/admin/letters/${props.letter.slug}/edition?lang=${encodeURIComponent(props.lang)}`;
  return (
    <AdminLayout title={t.pdfUnavailable} organizer={props.organizer} csrf={props.csrf} language={props.language} path={`/admin/letters/${props.letter.slug}/deliver`}>
      <p>{t.pdfOnNode}</p>
      <p>
        <a href={page}>{t.page}</a>
      </p>
    </AdminLayout>
  );
}
