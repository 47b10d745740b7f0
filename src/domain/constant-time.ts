/**
 * Whether two strings are equal, in a time that depends only on their lengths, never on where they
 * first differ. For comparing secrets (or their hashes) of a fixed length.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(b.length, 1));
  }
  return difference === 0;
}
