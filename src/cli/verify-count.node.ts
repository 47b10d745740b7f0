import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readCountProof, verifyCount, wellKnownKey, type CountVerdict } from '../domain/count-proof.ts';
import { COUNT_PROOF_HEADER, decodeProofHeader, WELL_KNOWN_PATH } from '../http/count-proof-http.ts';
import { defineCommand, usageError } from './command.ts';
import { printable } from './printable.ts';

const FETCH_TIMEOUT_MS = 15_000;

/** Why a count could not be checked (exit 1); what the command line has to change is a usage error. */
class Unchecked extends Error {}

export const verifyCountCommand = defineCommand({
  name: 'verify-count',
  args: ['URL|FILE'],
  options: {
    key: { type: 'string', value: 'URL|FILE', help: "the site's key document (default for a URL: /.well-known/undersigned.json of its site)" },
    'key-id': { type: 'string', value: 'ID', help: 'the id the key must have, as the site publishes it: then a key saved beside a FILE is used' },
  },
  summary: "Check a signed count against the site's key; exit 0 valid, 1 not valid.",
  details:
    "URL is a count's JSON or shields.json; FILE a saved count JSON, which needs --key, or --key-id to pin\n" +
    'the key saved beside it. It needs no database.',
  run: ({ args: [target = ''], options }) => checkSignedCount(target, { key: options.key, keyId: options['key-id'] }),
});

/** What the command is told about the key: where to get it, and the id it must have. */
export interface KeyChoice {
  /** `--key URL|FILE`: a key document (or bare public JWK) the user trusts. */
  key?: string | undefined;
  /** `--key-id ID`: the id the key must have, as the site publishes it elsewhere. */
  keyId?: string | undefined;
}

/**
 * `undersigned verify-count <URL|FILE> [--key <URL|FILE>] [--key-id <ID>]`: checks a signed count
 * and prints a one-line verdict that names the key used and where it came from. A URL is fetched
 * (the count JSON, with the proof in its body, or shields.json, with the proof in its header); its
 * key is by default the well-known document of the same site. A FILE is a saved count JSON: a key
 * saved beside it (as a mirror lays them out) came with it, and whoever wrote the one could have
 * written the other, so it is used only when `--key-id` pins the id it must have; otherwise the key
 * must be given with `--key`. Everything printed from the documents is escaped, so that a hostile
 * one cannot drive the terminal. Exit 0 valid, 1 not valid; what the command line has to change is
 * thrown as a usage error (exit 2).
 */
async function checkSignedCount(target: string, choice: KeyChoice = {}): Promise<number> {
  let proof: unknown;
  try {
    if (choice.keyId !== undefined && !/^[0-9a-f]{16}$/.test(choice.keyId)) {
      throw usageError(`option --key-id takes a key id: 16 hex digits, as in the site's ${WELL_KNOWN_PATH}`);
    }
    if (choice.key === undefined && choice.keyId === undefined && !isUrl(target)) {
      throw usageError(
        `a saved count's key must come from elsewhere (a key saved beside it proves nothing): ` +
          `give the site's key with --key URL|FILE (for example https://SITE${WELL_KNOWN_PATH}), or pin its id with --key-id ID as the site publishes it`,
      );
    }
    proof = await loadCount(target);
    const read = readCountProof(proof);
    if ('reason' in read) throw new Unchecked(read.reason);
    if (choice.keyId !== undefined && read.proof.keyId !== choice.keyId) {
      throw new Unchecked(`the count was signed with key ${read.proof.keyId}, not with the pinned key ${choice.keyId}`);
    }
    const keyAt = choice.key ?? defaultKeyLocation(target);
    const key = pickKey(await loadJson(keyAt, 'the key document'), read.proof.keyId, keyAt);
    const verdict = await verifyCount(proof, key);
    const source =
      choice.keyId !== undefined ? `from ${keyAt}, pinned by --key-id` : choice.key !== undefined ? `from ${keyAt}` : `from ${keyAt}, the same site as the count`;
    say(line(verdict, proof, source));
    return verdict.valid ? 0 : 1;
  } catch (error) {
    if (!(error instanceof Unchecked)) throw error;
    say(line({ valid: false, reason: error.message }, proof));
    return 1;
  }
}

/** Prints a line, escaped (see printable). */
function say(text: string) {
  console.log(printable(text));
}

function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

function defaultKeyLocation(target: string): string {
  return isUrl(target) ? new URL(WELL_KNOWN_PATH, target).href : join(dirname(target), WELL_KNOWN_PATH);
}

/** The signed count a URL or file holds: the count JSON's body, or the proof header of shields.json. */
async function loadCount(target: string): Promise<unknown> {
  if (!isUrl(target)) return parseJson(await readText(target, 'the count'), target);
  const res = await get(target);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && 'signature' in body) return body;
  const header = res.headers.get(COUNT_PROOF_HEADER);
  if (header) {
    const decoded = decodeProofHeader(header);
    if (decoded === undefined) throw new Unchecked(`the ${COUNT_PROOF_HEADER} header of ${target} is not base64url JSON`);
    return decoded;
  }
  throw new Unchecked(`${target} carries no signed count: no signature in its body and no ${COUNT_PROOF_HEADER} header`);
}

async function loadJson(location: string, what: string): Promise<unknown> {
  if (!isUrl(location)) return parseJson(await readText(location, what), location);
  return parseJson(await (await get(location)).text(), location);
}

/** The public key the count names, from a well-known document (or a bare public JWK). */
function pickKey(document: unknown, keyId: string, location: string): unknown {
  if ((document as { kty?: unknown } | null)?.kty !== undefined) return document;
  const found = wellKnownKey(document, keyId);
  if ('reason' in found) throw new Unchecked(`${found.reason}; key document: ${location}`);
  return found.key;
}

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new Unchecked(`could not fetch ${url}: ${cause}`);
  }
  if (!res.ok) throw new Unchecked(`${url} answered HTTP ${res.status}`);
  return res;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const hint = what === 'the key document' ? ' (give the site\'s key with --key URL|FILE)' : '';
    throw usageError(`cannot read ${what} at ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}${hint}`);
  }
}

function parseJson(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Unchecked(`${location} is not JSON`);
  }
}

/**
 * valid: "slug" had 2512 signatures at 2020-08-17T12:34:56.789Z, … (key 0123456789abcdef, from …)
 * NOT VALID: the signature does not match … ("slug", 2512 signatures at …, key …)
 */
function line(verdict: CountVerdict, proof: unknown, keySource?: string): string {
  if (verdict.valid) {
    return `valid: "${verdict.slug}" had ${verdict.count} signatures at ${verdict.updatedAt}, letter text sha256 ${verdict.textSha256} (key ${verdict.keyId}, ${keySource})`;
  }
  const p = (typeof proof === 'object' && proof !== null ? proof : {}) as Record<string, unknown>;
  const claimed = [
    typeof p.slug === 'string' && JSON.stringify(p.slug),
    p.count !== undefined && `${JSON.stringify(p.count)} signatures`,
    typeof p.updatedAt === 'string' && `at ${p.updatedAt}`,
    typeof p.keyId === 'string' && `key ${p.keyId}`,
  ].filter(Boolean);
  return `NOT VALID: ${verdict.reason}${claimed.length > 0 ? ` (the count claims: ${claimed.join(', ')})` : ''}`;
}
