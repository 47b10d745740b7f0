import { z } from 'zod';
import FREE_MAIL_DOMAINS from './free-mail-domains.json' with { type: 'json' };
import type { Actor } from './entities.ts';
import { ONE_LINE_MAX, oneLineText } from './one-line-text.ts';
import type { Store } from './store.ts';
import { parseInput } from './validation.ts';

// free-email-domains 1.12.6 (MIT, github.com/Kikobeats/free-email-domains): kept in the repo because
// the package's install script downloads a fresh list from the network, which an install must not do.
const FREE_MAIL = new Set<string>(FREE_MAIL_DOMAINS);

/** Signers at one domain shown together only from this many on, so that a small team is not exposed. */
export const DEFAULT_MIN_DOMAIN_SIGNERS = 5;

/**
 * The domain an address can show as a verified affiliation ("verified at @company.by"), or undefined
 * for a free-mail provider's (a gmail.com address says nothing about where its owner works), also
 * for their subdomains.
 */
export function affiliationDomain(email: string): string | undefined {
  const domain = email.trim().normalize('NFC').toLowerCase().split('@').pop();
  if (!domain) return undefined;
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (FREE_MAIL.has(labels.slice(i).join('.'))) return undefined;
  }
  return domain;
}

export const DomainOrganisationInput = z.strictObject(
  {
    domain: z
      .string({ error: 'Domain must be text.' })
      .trim()
      .toLowerCase()
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'Give a domain such as company.by.')
      .refine((domain) => affiliationDomain(`@${domain}`) === domain, 'Free-mail domains are never an affiliation.'),
    organisation: oneLineText({ label: 'Organisation', max: ONE_LINE_MAX.detail, scripts: 'words' }).nullable(),
  },
  { error: 'Send a domain and an organisation name.' },
);

/**
 * Names the organisation behind an email domain ("verified at Company, @company.by"), or forgets it
 * when the organisation is null or empty. Logged for the organizer who did it.
 */
export async function nameDomain(store: Store, actor: Actor, body: unknown, now: Date) {
  const { domain, organisation } = parseInput(DomainOrganisationInput, body);
  await store.setDomainOrganisation(domain, organisation || null, actor, now);
  return { domain, organisation: organisation || null };
}
