import { base64url, fromBase64url, hex } from './encoding.ts';
import type { Letter } from './entities.ts';

/**
 * The signed count: an Ed25519 signature (Web Crypto, so the same on Node and Workers) over a letter's
 * slug, its count, the time of that count and the SHA-256 of the letter's text. A screenshot of a
 * count can be faked; a signed count can be checked against the site's public key, which the site
 * publishes in a {@link WellKnown} document.
 */

/** The first line of every signed message; a new format gets a new first line. */
export const COUNT_MESSAGE_VERSION = 'undersigned-count-v1';

/** What a count signature covers. */
export interface CountFields {
  slug: string;
  /** The exact count, not its display form. */
  count: number;
  /** When the count last changed (the letter's countUpdatedAt), ISO 8601 in UTC as toISOString writes it. */
  updatedAt: string;
  /** SHA-256, lowercase hex, of {@link signedLetterText}. */
  textSha256: string;
}

/** The signed count as the count JSON carries it (beside `display`), and as the proof header holds it. */
export interface CountProof extends CountFields {
  /** {@link countKeyId} of the key that signed. */
  keyId: string;
  /** Ed25519 over {@link countMessage}, base64url without padding. */
  signature: string;
}

export interface PublicKeyJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The raw 32-byte public key, base64url. */
  x: string;
}

/** A site's signing key, ready to sign. */
export interface CountSigningKey {
  id: string;
  publicKeyJwk: PublicKeyJwk;
  privateKey: CryptoKey;
}

/** The document of a site's public keys, which it serves at a well-known address. */
export interface WellKnown {
  site: string;
  keys: { id: string; algorithm: 'Ed25519'; publicKeyJwk: PublicKeyJwk }[];
  countMessage: string;
}

export type CountVerdict =
  | ({ valid: true } & CountProof)
  | {
      valid: false;
      /** Which check failed, as a sentence a person can read. */
      reason: string;
    };

const ALGORITHM = { name: 'Ed25519' } as const;
const encoder = new TextEncoder();

/** Describes the signed message, for the well-known document: enough to check a count by hand. */
export const COUNT_MESSAGE_FORMAT =
  `Ed25519 over the UTF-8 bytes of these lines joined by "\\n" (no newline at the end): ` +
  `"${COUNT_MESSAGE_VERSION}", slug, count (decimal), updatedAt (ISO 8601 UTC), textSha256 ` +
  `(lowercase hex SHA-256 of "# " + title + "\\n\\n" + body + "\\n", the letter's default-language ` +
  `title and Markdown text). The signature is base64url; keyId is the first 16 hex digits of the ` +
  `SHA-256 of the raw public key.`;

/** The exact text that is signed: see {@link COUNT_MESSAGE_FORMAT}. */
export function countMessage(fields: CountFields): string {
  return [COUNT_MESSAGE_VERSION, fields.slug, String(fields.count), fields.updatedAt, fields.textSha256].join('\n');
}

/**
 * A letter's canonical text, whose SHA-256 a count signature covers: the default language's title
 * and Markdown body as stored. A copy of the letter saved as exactly these bytes (a mirror's
 * letter.md) can be checked with `sha256sum`.
 *
 * @example signedLetterText({ title: 'Start-ups', body: 'We ask…' }) // "# Start-ups\n\nWe ask…\n"
 */
export function signedLetterText(letter: Pick<Letter, 'title' | 'body'>): string {
  return `# ${letter.title}\n\n${letter.body}\n`;
}

/** SHA-256 of the UTF-8 bytes of {@link signedLetterText}, lowercase hex. */
export async function signedLetterTextSha256(letter: Pick<Letter, 'title' | 'body'>): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(signedLetterText(letter))));
}

/** A new signing key, serialized (a private JWK as JSON) for {@link importCountSigningKey}. Keep it secret. */
export async function newCountSigningKey(): Promise<string> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, d, x } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return JSON.stringify({ kty, crv, d, x });
}

/** Reads a key made by {@link newCountSigningKey}. */
export async function importCountSigningKey(serialized: string): Promise<CountSigningKey> {
  const jwk = JSON.parse(serialized) as JsonWebKey;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new Error('the count signing key is not an Ed25519 private key (JWK)');
  }
  const privateKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, ALGORITHM, false, ['sign']);
  const publicKeyJwk: PublicKeyJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  return { id: await countKeyId(publicKeyJwk), publicKeyJwk, privateKey };
}

/** The first 16 hex digits of the SHA-256 of the raw public key bytes. */
export async function countKeyId(publicKeyJwk: PublicKeyJwk): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', fromBase64url(publicKeyJwk.x))).slice(0, 16);
}

/** Signs `fields` ({@link countMessage}); the signature is base64url. */
export async function signCount(fields: CountFields, privateKey: CryptoKey): Promise<string> {
  return base64url(await crypto.subtle.sign(ALGORITHM, privateKey, encoder.encode(countMessage(fields))));
}

/** The signed count of a letter as it is now: its count, the time of that count and its text's hash. */
export async function proveCount(letter: Pick<Letter, 'slug' | 'signatureCount' | 'countUpdatedAt' | 'title' | 'body'>, key: CountSigningKey): Promise<CountProof> {
  const fields: CountFields = {
    slug: letter.slug,
    count: letter.signatureCount,
    updatedAt: letter.countUpdatedAt.toISOString(),
    textSha256: await signedLetterTextSha256(letter),
  };
  return { ...fields, keyId: key.id, signature: await signCount(fields, key.privateKey) };
}

/**
 * Checks a signed count (a count JSON, a saved one, or a decoded proof header: any object with the
 * {@link CountProof} fields; other fields are ignored) against a public key.
 */
export async function verifyCount(countJson: unknown, publicKeyJwk: unknown): Promise<CountVerdict> {
  const read = readCountProof(countJson);
  if ('reason' in read) return { valid: false, ...read };
  const { proof } = read;
  if (!isPublicKeyJwk(publicKeyJwk)) return { valid: false, reason: 'the key is not an Ed25519 public key (JWK)' };
  const keyId = await countKeyId(publicKeyJwk);
  if (proof.keyId !== keyId) {
    return { valid: false, reason: `the count says it was signed with key ${proof.keyId}, but the key given is ${keyId}` };
  }
  let key: CryptoKey;
  try {
    const { kty, crv, x } = publicKeyJwk;
    key = await crypto.subtle.importKey('jwk', { kty, crv, x }, ALGORITHM, false, ['verify']);
  } catch {
    return { valid: false, reason: 'the key is not an Ed25519 public key (JWK)' };
  }
  const valid = await crypto.subtle.verify(ALGORITHM, key, fromBase64url(proof.signature), encoder.encode(countMessage(proof)));
  if (!valid) {
    return { valid: false, reason: 'the signature does not match this slug, count, time and text hash: one of them was changed' };
  }
  return { valid: true, ...proof };
}

/** The document of the site's public keys ({@link WellKnown}). */
export function wellKnownDocument(site: string, keys: CountSigningKey[]): WellKnown {
  return {
    site,
    keys: keys.map((key) => ({ id: key.id, algorithm: 'Ed25519', publicKeyJwk: key.publicKeyJwk })),
    countMessage: COUNT_MESSAGE_FORMAT,
  };
}

/** The public key with this id in a well-known document, or why there is none. */
export function wellKnownKey(document: unknown, keyId: string): { key: PublicKeyJwk } | { reason: string } {
  const keys = (document as Partial<WellKnown> | null)?.keys;
  if (!Array.isArray(keys)) return { reason: 'the key document has no "keys" list' };
  const found = keys.find((key) => key?.id === keyId);
  if (!found) {
    const listed = keys.map((key) => String(key?.id)).join(', ') || 'none';
    return { reason: `the count was signed with key ${keyId}, which the key document does not list (it lists: ${listed})` };
  }
  return { key: found.publicKeyJwk };
}

/** The proof fields of `value` (other fields dropped), or which of them is missing or malformed. */
export function readCountProof(value: unknown): { proof: CountProof } | { reason: string } {
  if (typeof value !== 'object' || value === null) return { reason: 'this is not a signed count (not a JSON object)' };
  const v = value as Record<string, unknown>;
  const problems: [keyof CountProof, boolean][] = [
    ['slug', typeof v.slug === 'string' && v.slug !== '' && !/[\u0000-\u001f]/.test(v.slug)],
    ['count', Number.isSafeInteger(v.count) && (v.count as number) >= 0],
    ['updatedAt', typeof v.updatedAt === 'string' && isCanonicalTime(v.updatedAt)],
    ['textSha256', typeof v.textSha256 === 'string' && /^[0-9a-f]{64}$/.test(v.textSha256)],
    ['keyId', typeof v.keyId === 'string' && /^[0-9a-f]{16}$/.test(v.keyId)],
    // Canonical base64url only: the spare bits of the last character must not make other spellings.
    ['signature', typeof v.signature === 'string' && /^[A-Za-z0-9_-]{86}$/.test(v.signature) && base64url(fromBase64url(v.signature)) === v.signature],
  ];
  const bad = problems.filter(([, ok]) => !ok).map(([field]) => field);
  if (bad.length > 0) return { reason: `this is not a signed count: ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} missing or malformed` };
  const { slug, count, updatedAt, textSha256, keyId, signature } = v as unknown as CountProof;
  return { proof: { slug, count, updatedAt, textSha256, keyId, signature } };
}

/** One spelling per instant, so a signed time cannot be rewritten into an equal-looking other one. */
function isCanonicalTime(text: string): boolean {
  const time = new Date(text);
  return !Number.isNaN(time.getTime()) && time.toISOString() === text;
}

function isPublicKeyJwk(value: unknown): value is PublicKeyJwk {
  const jwk = value as Partial<PublicKeyJwk> | null;
  return jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' && /^[A-Za-z0-9_-]{43}$/.test(jwk.x);
}
