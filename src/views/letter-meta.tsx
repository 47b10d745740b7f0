import type { Letter } from '../domain/entities.ts';
import type { LetterText } from '../domain/letters.ts';
import type { PageLanguage } from './page-language.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Who is behind a letter, to whom it goes, its date and its deadline with the time left ("closes in 3
 * days"), in the page's language; nothing when the organizers set none of them. `text` gives the
 * names in the language shown, where a translation has its own.
 */
export function LetterMeta(props: {
  language: PageLanguage;
  letter: Letter;
  text?: Pick<LetterText, 'organisedBy' | 'addressee'>;
  now: Date;
  /** Whether to say how long is left: not in a copy that outlives the moment it was made. */
  countdown?: boolean;
}) {
  const { letter, now } = props;
  const { lang, m } = props.language;
  const organisedBy = props.text ? props.text.organisedBy : letter.organisedBy;
  const addressee = props.text ? props.text.addressee : letter.addressee;
  // A letter its organizers closed before its deadline has no deadline left to show.
  const deadline = letter.deadline && !(letter.status === 'closed' && letter.deadline > now) ? letter.deadline : null;
  if (!organisedBy && !addressee && !letter.publishedOn && !deadline) return null;
  return (
    <dl class="letter-meta">
      {organisedBy && <Item term={m.organisedBy}>{organisedBy}</Item>}
      {addressee && <Item term={m.addressedTo}>{addressee}</Item>}
      {letter.publishedOn && (
        <Item term={m.letterDate}>
          <time datetime={letter.publishedOn}>{formatDay(letter.publishedOn, lang)}</time>
        </Item>
      )}
      {deadline &&
        (deadline <= now ? (
          <Item term={m.signingEnded}>
            <time datetime={deadline.toISOString()}>{formatMoment(deadline, lang)}</time>
          </Item>
        ) : (
          <Item term={m.signaturesUntil}>
            <time datetime={deadline.toISOString()}>{formatMoment(deadline, lang)}</time>
            {props.countdown !== false && (
              <>
                {' '}
                (<strong class="countdown">{m.closesIn(timeLeft(deadline, now, lang))}</strong>)
              </>
            )}
          </Item>
        ))}
    </dl>
  );
}

function Item(props: { term: string; children: unknown }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

// English dates read day-month-year with a 24-hour clock, as the other three languages' do.
const dateLocale = (lang: string) => (lang === 'en' ? 'en-GB' : lang);

/** "25 March 2026", "25 сакавіка 2026 г.": a calendar day, not a moment, so no time zone moves it. */
export function formatDay(day: string, lang: string): string {
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "31 December 2026 at 18:00 UTC": the server knows no reader's time zone, so it names its own. */
export function formatMoment(moment: Date, lang: string): string {
  return new Intl.DateTimeFormat(dateLocale(lang), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(moment);
}

/** "in 3 days", "in 5 hours", "in 12 minutes": whole units left, rounded down, never "in 0". */
export function timeLeft(deadline: Date, now: Date, lang: string): string {
  const left = deadline.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  if (left >= DAY) return format.format(Math.floor(left / DAY), 'day');
  if (left >= HOUR) return format.format(Math.floor(left / HOUR), 'hour');
  return format.format(Math.max(1, Math.floor(left / MINUTE)), 'minute');
}

/** The widget's one line of it: who is behind the letter, and the time left or that signing ended. */
export function LetterMetaLine(props: { language: PageLanguage; letter: Letter; now: Date }) {
  const { letter, now } = props;
  const { lang, m } = props.language;
  const parts = [
    letter.organisedBy && `${m.organisedBy}: ${letter.organisedBy}`,
    letter.deadline && letter.status !== 'closed' && m.closesIn(timeLeft(letter.deadline, now, lang)),
    letter.deadline && letter.deadline <= now && `${m.signingEnded}: ${formatMoment(letter.deadline, lang)}`,
  ].filter(Boolean);
  return parts.length > 0 ? <p class="meta">{parts.join(' · ')}</p> : null;
}
