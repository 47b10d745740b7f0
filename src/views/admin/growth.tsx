import type { Letter, MailDelivery, SourceCount } from '../../domain/entities.ts';
import { GROWTH_KINDS, RECENT_HOURS, type GrowthBucket, type LetterGrowth } from '../../domain/growth.ts';
import type { Messages } from '../../i18n/index.ts';
import { GrowthChart, GrowthTable, Swatch, totalsSentence } from './growth-chart.tsx';
import { AdminLayout, type AdminPageProps } from './layout.tsx';
import { MailDeliverySection } from './mail-delivery.tsx';

const hourName = (b: GrowthBucket) => b.start.toISOString().slice(0, 13).replace('T', ' ') + ':00';
const dayName = (b: GrowthBucket) => b.start.toISOString().slice(0, 10);

/** The hours chart marks midnight with the day (MM-DD) and noon as 12:00. */
function hourTick(bucket: GrowthBucket): string | undefined {
  const hour = bucket.start.getUTCHours();
  return hour === 0 ? dayName(bucket).slice(5) : hour === 12 ? '12:00' : undefined;
}

/** An organizer's dashboard of one letter: signatures over time, confirmation, mail, sources. */
export function GrowthPage(props: AdminPageProps & { letter: Letter; growth: LetterGrowth; mailDelivery: MailDelivery }) {
  const { letter, growth, language } = props;
  const t = language.m.admin.growth;
  const hoursTitle = t.hoursTitle(RECENT_HOURS);
  const { hours, days } = growth;
  return (
    <AdminLayout title={t.title(letter.title)} organizer={props.organizer} csrf={props.csrf} language={language} path={`/admin/letters/${letter.slug}/growth`}>
      <p>
        <a href={`/admin/letters/${letter.slug}`}>{language.m.admin.backToLetter}</a>
      </p>
      <section aria-labelledby="over-time">
        <h2 id="over-time">{t.overTime}</h2>
        <p class="hint">{t.overTimeHint}</p>
        <Legend id="hours" text={t} />
        <figure class="growth">
          <figcaption>{hoursTitle}</figcaption>
          <GrowthChart
            id="hours"
            title={hoursTitle}
            buckets={hours}
            label={hourTick}
            description={t.range(hourName(hours[0]!), hourName(hours.at(-1)!), totalsSentence(hours, t))}
          />
          <details>
            <summary>{t.asTable}</summary>
            <GrowthTable caption={hoursTitle} heading={t.hour} buckets={hours} name={hourName} kinds={t.kinds} />
          </details>
        </figure>
        <figure class="growth">
          <figcaption>{t.daysTitle}</figcaption>
          <GrowthChart
            id="days"
            title={t.daysTitle}
            buckets={days}
            label={(_, i) => (i === 0 || i === days.length - 1 ? dayName(days[i]!) : undefined)}
            description={t.range(dayName(days[0]!), dayName(days.at(-1)!), totalsSentence(days, t))}
          />
          <details>
            <summary>{t.asTable}</summary>
            <GrowthTable caption={t.daysTitle} heading={t.day} buckets={days} name={dayName} kinds={t.kinds} />
          </details>
        </figure>
      </section>
      <section aria-labelledby="confirmation">
        <h2 id="confirmation">{t.confirmation}</h2>
        <Rate confirmation={growth.confirmation} text={t} />
        <p class="hint">{t.rateHint}</p>
      </section>
      <MailDeliverySection delivery={props.mailDelivery} language={language} />
      <Sources sources={growth.sources} text={t} />
    </AdminLayout>
  );
}

/** What each fill stands for, drawn with the same patterns as the bars and named in words. */
type GrowthMessages = Messages['admin']['growth'];

function Legend(props: { id: string; text: GrowthMessages }) {
  const t = props.text;
  return (
    <ul class="growth-legend" aria-label={t.legend}>
      {GROWTH_KINDS.map((kind) => (
        <li>
          <Swatch id={props.id} kind={kind} /> {t.kinds[kind]}
        </li>
      ))}
    </ul>
  );
}

function Rate(props: { confirmation: LetterGrowth['confirmation']; text: GrowthMessages }) {
  const t = props.text;
  const { confirmed, pending, withdrawnUnconfirmed, expired, rate } = props.confirmation;
  if (rate === null) return <p>{t.noRate}</p>;
  return (
    <p class="growth-rate">
      <strong>{Math.round(rate * 100)}%</strong> ({t.rateOf(confirmed, confirmed + pending + withdrawnUnconfirmed + expired)})
    </p>
  );
}

/** Days of the by-day table; the JSON API has them all. */
const SOURCE_DAYS_SHOWN = 30;

function Sources(props: { sources: SourceCount[]; text: GrowthMessages }) {
  const t = props.text;
  const shownDays = new Set([...new Set(props.sources.map((s) => s.day))].slice(0, SOURCE_DAYS_SHOWN));
  const totals = new Map<string, number>();
  for (const { source, signings } of props.sources) totals.set(source, (totals.get(source) ?? 0) + signings);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section aria-labelledby="sources">
      <h2 id="sources">{t.sources}</h2>
      <p class="hint">{t.sourcesHint}</p>
      {ranked.length === 0 ? (
        <p>{t.noSources}</p>
      ) : (
        <>
          <table class="growth-sources">
            <caption>{t.total}</caption>
            <thead>
              <tr>
                <th scope="col">{t.source}</th>
                <th scope="col">{t.signings}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map(([source, signings]) => (
                <tr>
                  <th scope="row">{t.sourceNames[source] ?? source}</th>
                  <td>{signings}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="growth-sources cards">
            <caption>{t.byDay(shownDays.size)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.day}</th>
                <th scope="col">{t.source}</th>
                <th scope="col">{t.signings}</th>
              </tr>
            </thead>
            <tbody>
              {props.sources.filter((s) => shownDays.has(s.day)).map(({ day, source, signings }) => (
                <tr>
                  <td data-label={t.day}>{day}</td>
                  <td data-label={t.source}>{t.sourceNames[source] ?? source}</td>
                  <td data-label={t.signings}>{signings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
