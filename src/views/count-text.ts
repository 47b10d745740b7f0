import { displayCount } from '../domain/count-display.ts';

/** "1 signature", "137 signatures", "2,500+ signatures". */
export function signaturesText(count: number, locale = 'en'): string {
  return `${displayCount(count, locale)} ${count === 1 ? 'signature' : 'signatures'}`;
}
