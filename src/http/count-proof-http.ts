import type { CountProof } from '../domain/count-proof.ts';
import { base64url, decodeBase64Json } from '../domain/encoding.ts';

// Where a signed count travels over HTTP: the site's public keys at a well-known path, and the proof
// in a response header where the body cannot carry it.

/** Where a site serves its public keys (the domain's WellKnown document). */
export const WELL_KNOWN_PATH = '/.well-known/undersigned.json';
/**
 * The response header that carries the proof where the body cannot: shields.io's endpoint badge
 * refuses a body with keys it does not know. Its value is {@link encodeProofHeader} of a CountProof.
 */
export const COUNT_PROOF_HEADER = 'Undersigned-Count-Proof';

/** The value of the {@link COUNT_PROOF_HEADER}: the proof as JSON, base64url without padding. */
export function encodeProofHeader(proof: CountProof): string {
  const { slug, count, updatedAt, textSha256, keyId, signature } = proof;
  return base64url(new TextEncoder().encode(JSON.stringify({ slug, count, updatedAt, textSha256, keyId, signature })));
}

/** The proof a {@link COUNT_PROOF_HEADER} holds, unchecked; undefined if it is not base64url JSON. */
export function decodeProofHeader(value: string): unknown {
  return decodeBase64Json(value);
}
