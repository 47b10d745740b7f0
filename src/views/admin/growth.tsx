import type { Letter, MailDelivery, Organizer, SourceCount } from '../../domain/entities.ts';
import { GROWTH_KINDS, RECENT_HOURS, type GrowthBucket, type LetterGrowth } from '../../domain/growth.ts';
import type { SigningSource } from '../../domain/signing-source.ts';
import { GrowthChart, GrowthTable, KIND_LABELS, Swatch, totalsSentence } from './growth-chart.tsx';
import { AdminLayout } from './layout.tsx';
import { MailDeliverySection } from './mail-delivery.tsx';

/** The page's words, in one place for a later translation. */
const TEXT = {
  title: (letter: string) => `How “${letter}” grows`,
  back: 'Back to the letter',
  overTime: 'Signatures over time',
  overTimeHint:
    'Each bar is the signatures made in that hour or day, split by what has become of them since. Times are UTC. Pending signatures whose confirmation link expired are deleted, so they leave the bars.',
  hoursTitle: `Signatures per hour, last ${RECENT_HOURS} hours (UTC)`,
  daysTitle: 'Signatures per day since the first one (UTC)',
  hour: 'Hour (UTC)',
  day: 'Day (UTC)',
  asTable: 'The figures as a table',
  legend: 'Legend',
  confirmation: 'Confirmation rate',
  rateOf: (confirmed: number, started: number) => `${confirmed} of ${started} signings confirmed`,
  noRate: 'Nobody has signed yet.',
  rateHint:
    'Signatures ever confirmed (withdrawn since or not), out of those plus the ones still pending, those withdrawn before confirming and those deleted when their confirmation link expired.',
  sources: 'Where signings came from',
  sourcesHint:
    'New signatures counted per day by the link the signer came through (its ?src= tag), at signing, confirmed or not. Only these totals are kept: a signature never records its source.',
  noSources: 'No signings counted yet.',
  source: 'Source',
  signings: 'Signings',
  byDay: (days: number) => `By day, the last ${days} days with signings`,
  total: 'Total',
} as const;

const SOURCE_LABELS: Record<SigningSource, string> = {
  direct: 'Direct (no tag)',
  other: 'Other tag',
  api: 'JSON API',
  'share-telegram': 'Shared on Telegram',
  'share-whatsapp': 'Shared on WhatsApp',
  'share-viber': 'Shared on Viber',
  'share-vk': 'Shared on VK',
  'share-facebook': 'Shared on Facebook',
  'share-x': 'Shared on X',
  'share-email': 'Shared by email',
  'share-native': "Shared from the device's share menu",
  'share-link': 'Copied link',
  'share-qr': 'QR code',
  'embed-widget': 'Embedded widget',
  'embed-badge': 'Embedded badge',
};

const hourName = (b: GrowthBucket) => b.start.toISOString().slice(0, 13).replace('T', ' ') + ':00';
const dayName = (b: GrowthBucket) => b.start.toISOString().slice(0, 10);

/** The hours chart marks midnight with the day (MM-DD) and noon as 12:00. */
function hourTick(bucket: GrowthBucket): string | undefined {
  const hour = bucket.start.getUTCHours();
  return hour === 0 ? dayName(bucket).slice(5) : hour === 12 ? '12:00' : undefined;
}

/** An organizer's dashboard of one letter: signatures over time, confirmation, mail, sources. */
export function GrowthPage(props: { organizer: Organizer; csrf: string; letter: Letter; growth: LetterGrowth; mailDelivery: MailDelivery }) {
  const { letter, growth } = props;
  const { hours, days } = growth;
  return (
    <AdminLayout title={TEXT.title(letter.title)} organizer={props.organizer} csrf={props.csrf}>
      <p>
        <a href={`/admin/letters/${letter.slug}`}>{TEXT.back}</a>
      </p>
      <section aria-labelledby="over-time">
        <h2 id="over-time">{TEXT.overTime}</h2>
        <p class="hint">{TEXT.overTimeHint}</p>
        <Legend id="hours" />
        <figure class="growth">
          <figcaption>{TEXT.hoursTitle}</figcaption>
          <GrowthChart
            id="hours"
            title={TEXT.hoursTitle}
            buckets={hours}
            label={hourTick}
            description={`From ${hourName(hours[0]!)} to ${hourName(hours.at(-1)!)}: ${totalsSentence(hours)}`}
          />
          <details>
            <summary>{TEXT.asTable}</summary>
            <GrowthTable caption={TEXT.hoursTitle} heading={TEXT.hour} buckets={hours} name={hourName} />
          </details>
        </figure>
        <figure class="growth">
          <figcaption>{TEXT.daysTitle}</figcaption>
          <GrowthChart
            id="days"
            title={TEXT.daysTitle}
            buckets={days}
            label={(_, i) => (i === 0 || i === days.length - 1 ? dayName(days[i]!) : undefined)}
            description={`From ${dayName(days[0]!)} to ${dayName(days.at(-1)!)}: ${totalsSentence(days)}`}
          />
          <details>
            <summary>{TEXT.asTable}</summary>
            <GrowthTable caption={TEXT.daysTitle} heading={TEXT.day} buckets={days} name={dayName} />
          </details>
        </figure>
      </section>
      <section aria-labelledby="confirmation">
        <h2 id="confirmation">{TEXT.confirmation}</h2>
        <Rate confirmation={growth.confirmation} />
        <p class="hint">{TEXT.rateHint}</p>
      </section>
      <MailDeliverySection delivery={props.mailDelivery} />
      <Sources sources={growth.sources} />
    </AdminLayout>
  );
}

/** What each fill stands for, drawn with the same patterns as the bars and named in words. */
function Legend(props: { id: string }) {
  return (
    <ul class="growth-legend" aria-label={TEXT.legend}>
      {GROWTH_KINDS.map((kind) => (
        <li>
          <Swatch id={props.id} kind={kind} /> {KIND_LABELS[kind]}
        </li>
      ))}
    </ul>
  );
}

function Rate(props: { confirmation: LetterGrowth['confirmation'] }) {
  const { confirmed, pending, withdrawnUnconfirmed, expired, rate } = props.confirmation;
  if (rate === null) return <p>{TEXT.noRate}</p>;
  return (
    <p class="growth-rate">
      <strong>{Math.round(rate * 100)}%</strong> ({TEXT.rateOf(confirmed, confirmed + pending + withdrawnUnconfirmed + expired)})
    </p>
  );
}

/** Days of the by-day table; the JSON API has them all. */
const SOURCE_DAYS_SHOWN = 30;

function Sources(props: { sources: SourceCount[] }) {
  const shownDays = new Set([...new Set(props.sources.map((s) => s.day))].slice(0, SOURCE_DAYS_SHOWN));
  const totals = new Map<string, number>();
  for (const { source, signings } of props.sources) totals.set(source, (totals.get(source) ?? 0) + signings);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section aria-labelledby="sources">
      <h2 id="sources">{TEXT.sources}</h2>
      <p class="hint">{TEXT.sourcesHint}</p>
      {ranked.length === 0 ? (
        <p>{TEXT.noSources}</p>
      ) : (
        <>
          <table class="growth-sources">
            <caption>{TEXT.total}</caption>
            <thead>
              <tr>
                <th scope="col">{TEXT.source}</th>
                <th scope="col">{TEXT.signings}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map(([source, signings]) => (
                <tr>
                  <th scope="row">{SOURCE_LABELS[source as SigningSource] ?? source}</th>
                  <td>{signings}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="growth-sources">
            <caption>{TEXT.byDay(shownDays.size)}</caption>
            <thead>
              <tr>
                <th scope="col">{TEXT.day}</th>
                <th scope="col">{TEXT.source}</th>
                <th scope="col">{TEXT.signings}</th>
              </tr>
            </thead>
            <tbody>
              {props.sources.filter((s) => shownDays.has(s.day)).map(({ day, source, signings }) => (
                <tr>
                  <td>{day}</td>
                  <td>{SOURCE_LABELS[source as SigningSource] ?? source}</td>
                  <td>{signings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
