/**
 * The count as people read it. Exact below 1,000; from there floored to two significant digits with
 * a "+", so a count that is still rising never overstates itself.
 *
 * @example displayCount(2512) // '2,500+'
 * @example displayCount(2512, 'de') // '2.500+'
 * @throws RangeError when `locale` is not a well-formed language tag (see {@link isLocale}).
 */
export function displayCount(count: number, locale = 'en'): string {
  const format = formatter(locale);
  if (count < 1000) return format.format(count);
  const unit = 10 ** (String(Math.trunc(count)).length - 2);
  return `${format.format(Math.floor(count / unit) * unit)}+`;
}

/** A number as it is, in the locale's digits and separators: thresholds, goals. */
export function exactCount(count: number, locale = 'en'): string {
  return formatter(locale).format(count);
}

/** Whether Intl accepts `tag` as a locale. */
export function isLocale(tag: string): boolean {
  try {
    formatter(tag);
    return true;
  } catch {
    return false;
  }
}

// Making a NumberFormat costs far more than using one, and badges and counts ask on every request.
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 200;

function formatter(locale: string): Intl.NumberFormat {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(locale, format);
  }
  return format;
}
