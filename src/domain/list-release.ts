import { getDomain } from 'tldts';
import { isLargeProvider } from './canonical-email.ts';
import type { Store } from './store.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The most signatures that count toward a threshold from any one email domain: `share` of it, at
 * least one. So one actor with a catch-all domain, or an insider with a few mailboxes, cannot reach a
 * threshold alone.
 */
export function perDomainCap(threshold: number, share: number): number {
  return Math.max(1, Math.floor(threshold * share));
}

/**
 * What an address counts with toward a listing threshold: its registrable domain (so every subdomain
 * of one wildcard catch-all, or every inbox of a disposable-mail service, is one group, capped by
 * perDomainCap), or undefined for a mailbox at a large provider, which counts alone.
 *
 * @example thresholdGroup('eve@s1.catch-all.example') // 'catch-all.example'
 * @example thresholdGroup('anna@gmail.com') // undefined
 */
export function thresholdGroup(canonicalEmail: string): string | undefined {
  const domain = canonicalEmail.slice(canonicalEmail.lastIndexOf('@') + 1);
  if (isLargeProvider(domain)) return undefined;
  return getDomain(domain) ?? domain;
}

/**
 * Decides, for every letter with listing thresholds, which thresholds its signatures reach when each
 * email domain counts at most its cap, and has the store release a threshold's waiting names once it
 * has held for the letter's delay. Run periodically; a threshold that stops being reached starts over.
 */
export async function updateListReleases(store: Store, now: Date, domainShare: number): Promise<void> {
  for (const letter of await store.lettersWithThresholds()) {
    const caps = letter.listThresholds.map((threshold) => perDomainCap(threshold, domainShare));
    const counts = await store.countsByDistinctDomains(letter.id, caps);
    const reached = letter.listThresholds.filter((threshold, i) => counts[i]! >= threshold);
    await store.updateListReleases(letter.id, reached, now, letter.listDelayHours * HOUR_MS);
  }
}
