/**
 * The count as people read it. Exact below 1,000; from there floored to two significant digits with
 * a "+", so a count that is still rising never overstates itself.
 *
 * @example displayCount(2512) // '2,500+'
 * @example displayCount(2512, 'de') // '2.500+'
 * @throws RangeError when `locale` is not a well-formed language tag (see {@link isLocale}).
 */
export function displayCount(count: number, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  if (count < 1000) return format.format(count);
  const unit = 10 ** (String(Math.trunc(count)).length - 2);
  return `${format.format(Math.floor(count / unit) * unit)}+`;
}

/** Whether Intl accepts `tag` as a locale. */
export function isLocale(tag: string): boolean {
  try {
    Intl.NumberFormat.supportedLocalesOf(tag);
    return true;
  } catch {
    return false;
  }
}
