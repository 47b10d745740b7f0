import { proveCount, type CountProof, type CountSigningKey } from './count-proof.ts';
import type { Letter, PublicSignature } from './entities.ts';
import { letterLanguages, letterText, type LetterText } from './letters.ts';
import { publicPage } from './signatories.ts';
import type { Store } from './store.ts';

/** Names read per query while an edition gathers its list. */
const EDITION_PAGE_SIZE = 1000;

/**
 * The edition of a letter that organizers hand to its addressee: its text in one of its languages,
 * the signed count, and every listed signatory by the public list's own rules (publicPage: verified,
 * listed, not hidden, threshold reached, notable first), so the paper never shows a name the site
 * would not.
 */
export interface Edition {
  letter: Letter;
  text: LetterText;
  signatures: PublicSignature[];
  /** Signers counted but not listed: "and N others". */
  unlisted: number;
  /** The count as signed by the site's key, which the edition's QR code carries. */
  proof: CountProof;
}

/** Gathers a letter's edition in `lang`, one of its languages; another falls back to the letter's own. */
export async function letterEdition(store: Store, key: CountSigningKey, letter: Letter, lang: string | undefined): Promise<Edition> {
  const translations = await store.translations(letter.id);
  const shown = lang && letterLanguages(letter, translations).includes(lang) ? lang : letter.lang;
  const signatures: PublicSignature[] = [];
  let unlisted = 0;
  let cursor: string | undefined;
  do {
    const page = await publicPage(store, letter, { cursor, limit: EDITION_PAGE_SIZE });
    signatures.push(...page.signatures);
    unlisted = page.unlisted;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { letter, text: letterText(letter, translations, shown), signatures, unlisted, proof: await proveCount(letter, key) };
}

/** The text of an edition's QR code: its signed count as JSON, which `undersigned verify-count` checks. */
export function editionQrText(proof: CountProof): string {
  const { slug, count, updatedAt, textSha256, keyId, signature } = proof;
  return JSON.stringify({ slug, count, updatedAt, textSha256, keyId, signature });
}
