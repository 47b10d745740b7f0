/**
 * Bytes as text and back, the encodings tokens, hashes and signed counts use. Web APIs only, so the
 * domain runs on every runtime.
 */

const BASE64URL = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (c) => c.charCodeAt(0));

/**
 * base64url without padding (RFC 4648 §5), by table: no string per byte, no btoa and no replacing
 * after it, since every signing encodes tokens.
 */
export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const codes: number[] = [];
  for (let i = 0; i < view.length; i += 3) {
    const n = (view[i]! << 16) | ((view[i + 1] ?? 0) << 8) | (view[i + 2] ?? 0);
    // Three bytes make four characters; a last one or two, two or three.
    const chars = Math.min(4, Math.ceil(((view.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) codes.push(BASE64URL[(n >> (18 - 6 * k)) & 63]!);
  }
  return String.fromCharCode(...codes);
}

/**
 * The bytes of base64url text, padded or not; plain base64 reads the same.
 * @throws DOMException when the text is neither.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));
}

/** Lower-case hex, two digits a byte. */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The JSON value that base64 or base64url text holds as UTF-8, or undefined when it is not base64,
 * not UTF-8 or not JSON.
 */
export function decodeBase64Json(text: string): unknown {
  try {
    return JSON.parse(utf8.decode(fromBase64url(text)));
  } catch {
    return undefined;
  }
}
