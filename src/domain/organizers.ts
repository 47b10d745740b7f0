import { z } from 'zod';
import { constantTimeEqual } from './constant-time.ts';
import { ServiceError } from './errors.ts';
import type { Actor, Organizer } from './entities.ts';
import type { Store } from './store.ts';
import { ONE_LINE_MAX, oneLineText } from './one-line-text.ts';
import { hashToken, newToken } from './tokens.ts';
import { parseInput } from './validation.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** The command line acts with the rights of whoever can read the database. */
export const COMMAND_LINE: Actor = { organizerId: null, name: 'command line' };
const NO_MATCH = '0'.repeat(64);

export const OrganizerInput = z.strictObject({
  name: oneLineText({ label: 'Name', max: ONE_LINE_MAX.name, scripts: 'words', required: 'Give the organizer a name.' }),
});

/** Creates an organizer and returns its token: shown once, only its hash is kept. */
export async function issueOrganizerToken(store: Store, name: string, now: Date) {
  const input = parseInput(OrganizerInput, { name });
  const token = newToken();
  const organizer = await store.createOrganizer(input.name, await hashToken(token), COMMAND_LINE, now);
  return { organizer, token };
}

/**
 * The organizer a token belongs to. Every token, well-formed or not, right or wrong, takes the same
 * steps: one hash, one lookup by hash, one constant-time comparison of hashes.
 */
export async function authenticate(store: Store, token: string, compare = constantTimeEqual): Promise<Organizer> {
  const hash = await hashToken(token);
  const found = await store.organizerByTokenHash(hash);
  const matches = compare(hash, found?.tokenHash ?? NO_MATCH);
  if (!found || !matches) throw unauthorized();
  return { id: found.id, name: found.name };
}

/** Logs an organizer in: returns the session token for the cookie. */
export async function startSession(store: Store, token: string, now: Date): Promise<{ session: string; organizer: Organizer }> {
  const organizer = await authenticate(store, token);
  const session = newToken();
  await store.createSession(await hashToken(session), organizer.id, new Date(now.getTime() + SESSION_TTL_MS), now);
  return { session, organizer };
}

export async function sessionOrganizer(store: Store, session: string | undefined, now: Date): Promise<Organizer> {
  const organizer = session ? await store.sessionOrganizer(await hashToken(session), now) : undefined;
  if (!organizer) throw unauthorized();
  return organizer;
}

export async function endSession(store: Store, session: string): Promise<void> {
  await store.deleteSession(await hashToken(session));
}

export const actorOf = (organizer: Organizer): Actor => ({ organizerId: organizer.id, name: organizer.name });

function unauthorized() {
  return new ServiceError('unauthorized', 'Sign in with a valid organizer token.');
}
