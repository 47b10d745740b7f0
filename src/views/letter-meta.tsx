import type { Child } from 'hono/jsx';
import type { Letter } from '../domain/entities.ts';
import type { LetterText } from '../domain/letters.ts';
import { plural } from '../i18n/index.ts';
import type { PageLanguage } from './page-language.ts';
import { ScriptTag } from './head.ts';

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
                (
                <strong
                  class="countdown"
                  data-deadline={String(deadline.getTime())}
                  data-lang={lang}
                  data-units={JSON.stringify(m.timeUnits)}
                  data-template={m.closesIn('{left}')}
                  data-closed={m.closed}
                >
                  {m.closesIn(timeLeft(deadline, now, props.language))}
                </strong>
                )
                <ScriptTag src="/countdown.js" />
              </>
            )}
          </Item>
        ))}
    </dl>
  );
}

function Item(props: { term: string; children: Child }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

// English dates read day-month-year with a 24-hour clock, as the other three languages' do.
const dateLocale = (lang: string) => (lang === 'en' ? 'en-GB' : lang);

/**
 * Dates in the page's language; where the runtime has no data for it (Workers have none for
 * Belarusian), as numbers in the order the four languages share ("25.03.2026"), never in English.
 */
function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): (date: Date) => string {
  const locale = dateLocale(lang);
  if (Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0) {
    return (date) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return (date) => {
    const day = `${two(date.getUTCDate())}.${two(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
    return options.hour ? `${day} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC` : day;
  };
}

/** "25 March 2026", "25 сакавіка 2026 г.": a calendar day, not a moment, so no time zone moves it. */
export function formatDay(day: string, lang: string): string {
  return dateFormat(lang, { dateStyle: 'long' })(new Date(`${day}T00:00:00Z`));
}

/** "31 December 2026 at 18:00 UTC": the server knows no reader's time zone, so it names its own. */
export function formatMoment(moment: Date, lang: string): string {
  const options = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } as const;
  return dateFormat(lang, options)(moment);
}

/** "3 days", "5 hours", "12 minutes": whole units left, rounded down, never "0 minutes". */
function timeLeft(deadline: Date, now: Date, language: PageLanguage): string {
  const left = deadline.getTime() - now.getTime();
  const unit = left >= DAY ? 'day' : left >= HOUR ? 'hour' : 'minute';
  const amount = Math.max(1, Math.floor(left / { day: DAY, hour: HOUR, minute: MINUTE }[unit]));
  return `${amount} ${plural(language.lang, amount, language.m.timeUnits[unit])}`;
}

/** The widget's one line of it: who is behind the letter, and the time left or that signing ended. */
export function LetterMetaLine(props: { language: PageLanguage; letter: Letter; now: Date }) {
  const { letter, now } = props;
  const { lang, m } = props.language;
  const parts = [
    letter.organisedBy && `${m.organisedBy}: ${letter.organisedBy}`,
    letter.deadline && letter.status !== 'closed' && m.closesIn(timeLeft(letter.deadline, now, props.language)),
    letter.deadline && letter.deadline <= now && `${m.signingEnded}: ${formatMoment(letter.deadline, lang)}`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const line = parts.join(' · ');
  // "closes in 3 days" may open the line.
  return <p class="meta">{line.charAt(0).toLocaleUpperCase(lang) + line.slice(1)}</p>;
}
