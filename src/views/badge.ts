import { makeBadge } from 'badge-maker';
import { oneLine, oneLineProblem } from '../domain/one-line-text.ts';

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

/** The languages a badge has a word for, English (the default) first. */
export const BADGE_LANGUAGES = Object.keys(LABELS);

/** "signatures" in the badge's language, English where there is no word for it here. */
export function defaultLabel(locale: string): string {
  return LABELS[locale.toLowerCase().split('-')[0] ?? 'en'] ?? LABELS.en!;
}

/**
 * A label as given in `?label=`, cut to 40 characters (with "…"), or what is wrong with it by the
 * rule of every one-line field. badge-maker escapes it for the SVG.
 */
export function badgeLabel(label: string): { label: string } | { problem: string } {
  const characters = [...oneLine(label)];
  const line = characters.length > MAX_LABEL ? `${characters.slice(0, MAX_LABEL - 1).join('')}…` : characters.join('');
  const problem = oneLineProblem(line, { label: 'Label', max: 2 * MAX_LABEL, scripts: 'words' });
  return problem ? { problem } : { label: line };
}

/** An SVG badge in the shields.io look, with a <title> for screen readers. */
export function badgeSvg(label: string, message: string, style: BadgeStyle, color = 'blue'): string {
  return makeBadge({ label, message, style, color });
}
