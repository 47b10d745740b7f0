import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  COUNT_PROOF_HEADER,
  decodeProofHeader,
  readCountProof,
  verifyCount,
  WELL_KNOWN_PATH,
  wellKnownKey,
  type CountVerdict,
} from './domain/count-proof.ts';

const FETCH_TIMEOUT_MS = 15_000;

/** Why a count could not be checked: exit 1, or 2 when the command line has to change. */
class Unchecked extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/**
 * `undersigned verify-count <URL|FILE> [--key <URL|FILE>]`: checks a signed count against the
 * site's public key and prints a one-line verdict. A URL is fetched (the count JSON, with the proof
 * in its body, or shields.json, with the proof in its header); a FILE is a saved count JSON. The key
 * is the well-known document of the URL's origin, or for a FILE the `.well-known/undersigned.json`
 * beside it (as a mirror lays them out). Exit 0 valid, 1 not valid, 2 usage.
 */
export async function verifyCountCommand(target: string, keyOption: string | undefined): Promise<number> {
  let proof: unknown;
  try {
    proof = await loadCount(target);
    const read = readCountProof(proof);
    if ('reason' in read) throw new Unchecked(read.reason);
    const keyAt = keyOption ?? defaultKeyLocation(target);
    const key = pickKey(await loadJson(keyAt, 'the key document'), read.proof.keyId, keyAt);
    const verdict = await verifyCount(proof, key);
    console.log(line(verdict, proof, keyAt));
    return verdict.valid ? 0 : 1;
  } catch (error) {
    if (!(error instanceof Unchecked)) throw error;
    if (error.exitCode === 2) {
      console.error(error.message);
      return 2;
    }
    console.log(line({ valid: false, reason: error.message }, proof));
    return 1;
  }
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
    throw new Unchecked(`cannot read ${what} at ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}${hint}`, 2);
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
 * valid: "slug" had 2512 signatures at 2020-08-17T12:34:56.789Z (key 0123456789abcdef, from …)
 * NOT VALID: the signature does not match … ("slug", 2512 signatures at …, key …)
 */
function line(verdict: CountVerdict, proof: unknown, keyAt?: string): string {
  if (verdict.valid) {
    return `valid: "${verdict.slug}" had ${verdict.count} signatures at ${verdict.updatedAt}, letter text sha256 ${verdict.textSha256} (key ${verdict.keyId}, from ${keyAt})`;
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
