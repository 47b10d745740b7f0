import { makeBadge } from 'badge-maker';

export const BADGE_STYLES = ['flat', 'flat-square', 'for-the-badge', 'plastic'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

const LABELS: Record<string, string> = {
  en: 'signatures',
  be: 'подпісы',
  ru: 'подписи',
  uk: 'підписи',
  pl: 'podpisy',
  de: 'Unterschriften',
  fr: 'signatures',
  es: 'firmas',
  lt: 'parašai',
};
const MAX_LABEL = 40;

/** "signatures" in the badge's language, English where there is no word for it here. */
export function defaultLabel(locale: string): string {
  return LABELS[locale.toLowerCase().split('-')[0] ?? 'en'] ?? LABELS.en!;
}

/**
 * A label as given in `?label=`: one line, at most 40 characters (cut with "…"). badge-maker
 * escapes it for the SVG, so any text is safe to show.
 */
export function badgeLabel(label: string): string {
  const line = label.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line;
}

/** An SVG badge in the shields.io look, with a <title> for screen readers. */
export function badgeSvg(label: string, message: string, style: BadgeStyle, color = 'blue'): string {
  return makeBadge({ label, message, style, color });
}
