/** Marks a slot in a text made once; a character no letter's text holds (titles are stripped of it). */
export const SLOT = '\u{F8FF}';

/** A text cut at its slots: the pieces between which each use puts its own values. */
export type Template = readonly string[];

/** Cuts `text` at its slots, which must be `slots` in number. */
export function splitTemplate(text: string, slots: number): Template {
  const pieces = text.split(SLOT);
  if (pieces.length !== slots + 1) throw new Error(`a template has ${pieces.length - 1} slots, not ${slots}`);
  return pieces;
}

/** The text with each slot filled by the value at its place in `values`. */
export function fillTemplate(template: Template, values: readonly string[]): string {
  let text = template[0]!;
  for (let i = 1; i < template.length; i++) text += values[i - 1]! + template[i]!;
  return text;
}
