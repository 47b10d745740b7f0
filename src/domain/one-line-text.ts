import { z } from 'zod';

/**
 * The one rule for every one-line text field (a signer's name, title, organisation and city, a
 * letter's title, a badge's label, an organizer's name, a note): what a reader sees must be what was
 * typed, with nothing hidden, nothing that runs over other lines, and no letters that only look like
 * those of the alphabet around them.
 *
 * The value is put in Unicode NFC with runs of spaces collapsed to one and the ends trimmed; then it
 * is refused when it has a line break, an invisible, control or direction character, more combining
 * marks on one letter than any writing needs, or letters of scripts that do not go together (the
 * mixed-script test of Unicode's UTS #39: the scripts of its characters, by Script_Extensions, must
 * have one in common). No npm package does this test (those there replace or find confusable
 * characters, which would refuse every Cyrillic "а"), so it is written here with the regular
 * expressions' Unicode property escapes, which carry the Unicode data of the runtime.
 */
export interface OneLineRule {
  /** The field as messages name it: "Name", "Title". */
  label: string;
  max: number;
  /**
   * Where scripts must not mix: in the whole value (a person's name), or only within each word
   * ("IT-директор" and "Старшы інжынер, EPAM" are ordinary titles; "Pаvel" is not a word).
   */
  scripts: 'whole' | 'words';
  /** What a signer writes beside their name: may not pose as the site's own marks ("verified"). */
  signer?: boolean;
}

/**
 * The longest value of each kind of one-line field, in UTF-16 code units as both `value.length` and
 * an input's `maxlength` count them: the schemas and the forms' fields take them from here.
 */
export const ONE_LINE_MAX = {
  /** A signer's or an organizer's name. */
  name: 120,
  /** A signer's title, organisation or city; a letter's title; the organisation of an email domain. */
  detail: 200,
  /** How the organizers verified a notable signatory. */
  note: 300,
} as const;

/** NFC, runs of spaces (of any width) as one space, no spaces at the ends. */
export function oneLine(value: string): string {
  return value.normalize('NFC').replace(/\p{Zs}+/gu, ' ').trim();
}

/**
 * Stored text as one line, for where a line break or a control character would do harm (a mail's
 * Subject header, a snippet pasted into another site's template): each run of white space and control
 * characters becomes one space. Fields are checked as one line when written; this also holds for
 * text written before a rule was.
 */
export function flattenLines(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
const DIRECTION = /\p{Bidi_Control}/u;
// Controls, format characters and the code points that draw nothing (Default_Ignorable_Code_Point:
// zero-width spaces and joiners, soft hyphen, word joiner, the Hangul fillers, variation selectors,
// tags), and the blank Braille pattern and object replacement character, which draw as blanks.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\uFFFC]/u;
// Half of a UTF-16 pair, private use, unassigned, U+FFFD (bytes that were not UTF-8).
const NOT_TEXT = /[\p{Cs}\p{Co}\p{Cn}\uFFFD]/u;
// Invisible characters that some writing needs: the variation selector that asks for an emoji's
// colour, the joiner inside an emoji sequence, and the zero-width (non-)joiner that shapes Persian,
// Urdu and the Brahmic scripts.
const NEEDED_JOINERS = new RegExp(
  [
    String.raw`(?<=\p{Emoji})[\uFE0E\uFE0F]`,
    String.raw`(?<=\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?)\u200D(?=\p{Extended_Pictographic})`,
    String.raw`(?<=[${['Arabic', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala']
      .map((script) => String.raw`\p{scx=${script}}`)
      .join('')}])[\u200C\u200D](?=\p{L})`,
  ].join('|'),
  'gu',
);
// UTS #39 §5.4: no run of more than four nonspacing marks, and no mark twice in one run; on a Latin,
// Cyrillic or Greek letter no more than two. Counted on the NFC text, where a letter that has a code
// point of its own ("ệ", "ў") carries none: what is left are marks that no alphabet precomposes.
const MARKS = /[\p{Mn}\p{Me}]+/gu;
const MAX_MARKS = 4;
const EUROPEAN = /[\p{scx=Latin}\p{scx=Cyrillic}\p{scx=Greek}]/u;
const MAX_EUROPEAN_MARKS = 2;
const NEEDS_LETTER = /\p{L}/u;
// Bold, italic, script and other styled letters made for mathematics: a name in them imitates emphasis.
const STYLED_LETTERS = /[\u{1D400}-\u{1D7FF}]/u;

/**
 * Scripts recommended or in limited use for writing today (UAX #31), and the writing systems that mix
 * Han with other scripts as a matter of course: UTS #39's Jpan, Kore and Hanb, each with Latin as its
 * "highly restrictive" level allows ("王伟 Wang Wei").
 */
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Nko', 'Samaritan',
  'Mandaic', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
  'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Mongolian', 'Ethiopic', 'Cherokee', 'Canadian_Aboriginal',
  'Hangul', 'Hiragana', 'Katakana', 'Bopomofo', 'Han', 'Yi', 'Tifinagh', 'Vai', 'Adlam', 'Ol_Chiki', 'Javanese',
  'Balinese', 'Sundanese', 'Tai_Le', 'New_Tai_Lue', 'Tai_Tham', 'Tai_Viet', 'Cham', 'Lisu', 'Miao', 'Bamum', 'Batak',
  'Buginese', 'Lepcha', 'Limbu', 'Meetei_Mayek', 'Saurashtra', 'Syloti_Nagri', 'Kayah_Li', 'Osage', 'Wancho',
  'Hanifi_Rohingya', 'Nyiakeng_Puachue_Hmong', 'Chakma', 'Tagalog',
];
interface WritingSystem {
  name: string;
  test: RegExp;
}
const scriptClass = (scripts: string[]) => new RegExp(`[${scripts.map((s) => String.raw`\p{scx=${s}}`).join('')}]`, 'u');
const WRITING_SYSTEMS: WritingSystem[] = [
  ...SCRIPTS.map((name) => ({ name: name.replaceAll('_', ' '), test: scriptClass([name]) })),
  { name: 'Japanese', test: scriptClass(['Han', 'Hiragana', 'Katakana', 'Latin']) },
  { name: 'Korean', test: scriptClass(['Han', 'Hangul', 'Latin']) },
  { name: 'Chinese', test: scriptClass(['Han', 'Bopomofo', 'Latin']) },
];
const SINGLE_SCRIPTS = WRITING_SYSTEMS.slice(0, SCRIPTS.length);
// Common (digits, punctuation, symbols) and Inherited (most combining marks) go with any script.
const ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u;
const WORD_BREAK = /[\p{Z}\p{P}\p{S}]+/u;

// The endings of the participles "verified" and "checked" in Belarusian, Russian and Ukrainian (not
// those of the nouns: "подтверждение" is an ordinary word in a job title).
const BE = '(?:а|ы|ая|ае|ыя|ых|ага|ай|аму|ым|ымі)?';
const RU = '(?:о|а|ы|ый|ая|ое|ые|ых|ого|ой|ому|ым|ыми)?';
const UK = '(?:о|а|е|і|ий|их|ого|ої|ому|им|ими)?';
/**
 * What the site shows beside a name as its own judgement, in the four languages of its pages
 * ("verified at @company.by", "notable", "verified by the organizers: …"), and the check marks that
 * read as the same. Whole words, in the forms a title could take them.
 */
const BADGE_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{M}\p{N}])(` +
    [
      'verified', 'vetted', 'notable',
      `пацверджан${BE}`, `праверан${BE}`, 'вядом(?:ы|ая) подпіс',
      `подтвержд[её]нн?${RU}`, `проверенн?${RU}`, 'известн(?:ый|ая) подпись',
      `підтвердженн?${UK}`, `перевіренн?${UK}`, 'відом(?:ий|а) підпис',
    ].join('|') +
    String.raw`)(?![\p{L}\p{M}\p{N}])|[\u2705\u2611\u2713\u2714\u{1F5F8}\u{1F5F9}]`,
  'iu',
);
/** "@company.by": the site itself says which domain a signer's address was verified at. */
const AT_DOMAIN = /@\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/** What is wrong with a value already made one line by `oneLine`, in words for the person who typed it. */
export function oneLineProblem(value: string, rule: OneLineRule): string | undefined {
  const { label } = rule;
  if (value.length > rule.max) return `${label} can be at most ${rule.max} characters.`;
  if (LINE_BREAK.test(value)) return `${label} must be one line.`;
  if (NOT_TEXT.test(value)) return `${label} contains characters that are not text (unassigned, private or broken ones).`;
  if (DIRECTION.test(value)) return `${label} contains characters that change the direction of the text.`;
  if (INVISIBLE.test(value.replace(NEEDED_JOINERS, ''))) {
    return `${label} contains invisible characters (such as zero-width spaces or blank letters).`;
  }
  if (STYLED_LETTERS.test(value)) return `${label} contains styled letters (mathematical bold, italic, script): type plain ones.`;
  for (const { 0: run, index } of value.matchAll(MARKS)) {
    const marks = [...run];
    const base = [...value.slice(Math.max(0, index - 2), index)].at(-1) ?? '';
    const max = EUROPEAN.test(base) ? MAX_EUROPEAN_MARKS : MAX_MARKS;
    if (marks.length > max || new Set(marks).size < marks.length) return `${label} stacks too many accents or marks on one letter.`;
  }
  const parts = rule.scripts === 'whole' ? [value] : value.split(WORD_BREAK);
  for (const part of parts) {
    const problem = scriptProblem(part, label, rule.scripts === 'words');
    if (problem) return problem;
  }
  if (rule.signer) {
    const word = value.normalize('NFKC').match(BADGE_WORDS)?.[0];
    if (word) return `${label} cannot contain “${word}”: the site marks verified and notable signatories itself.`;
    const domain = value.match(AT_DOMAIN)?.[0];
    if (domain) return `${label} cannot contain a domain such as “${domain}”: the site shows a verified domain itself when you ask it to.`;
  }
  return undefined;
}

/** Whether the characters of `text` have a script in common (UTS #39's resolved script set is not empty). */
function scriptProblem(text: string, label: string, inWord: boolean): string | undefined {
  // Nearly every value is ASCII: Latin and Common only.
  if (/^[\x20-\x7E]*$/.test(text)) return undefined;
  let common: readonly WritingSystem[] | undefined;
  let first: string | undefined;
  for (const char of text) {
    const systems = writingSystemsOf(char);
    if (systems === 'any') continue;
    const next = common ? common.filter((system) => systems.includes(system)) : systems;
    if (next.length > 0) {
      common = next;
      first ??= char;
      continue;
    }
    const scriptOf = (c: string) => SINGLE_SCRIPTS.find((system) => system.test.test(c))?.name;
    const own = scriptOf(char);
    if (!own) return `${label} contains “${char}”, of a script that is not accepted here.`;
    const where = inWord ? ` in “${text}”` : '';
    return (
      `${label} mixes scripts${where} (${scriptOf(first!)} and ${own}: “${char}” is ${own}). Letters that look alike ` +
      'can come from different alphabets: type it in one.'
    );
  }
  return undefined;
}

// The writing systems of a character, kept for the characters seen lately: finding them takes a
// test per script, and names repeat the same few dozen letters.
const seen = new Map<string, readonly WritingSystem[] | 'any'>();
function writingSystemsOf(char: string): readonly WritingSystem[] | 'any' {
  let systems = seen.get(char);
  if (systems === undefined) {
    systems = ANY_SCRIPT.test(char) ? 'any' : WRITING_SYSTEMS.filter((system) => system.test.test(char));
    if (seen.size >= 4096) seen.clear();
    seen.set(char, systems);
  }
  return systems;
}

/**
 * A zod schema for a one-line field: the value as `oneLine` makes it, or the field's problem. An
 * empty value passes (as ""); `required` gives the message for it where one is needed.
 */
export function oneLineText(rule: OneLineRule & { required?: string }) {
  return z
    .string({ error: `${rule.label} must be text.` })
    .transform(oneLine)
    .superRefine((value, ctx) => {
      const problem = rule.required && value === '' ? rule.required : oneLineProblem(value, rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** A person's name: one script in the whole of it, at least one letter, none of the site's marks. */
export function personName(label: string, max: number, required: string) {
  return oneLineText({ label, max, scripts: 'whole', signer: true, required }).refine(
    (value) => NEEDS_LETTER.test(value),
    `${label} must have letters.`,
  );
}
