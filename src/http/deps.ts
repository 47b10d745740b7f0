import type { Context, MiddlewareHandler } from 'hono';
import type { CountSigningKey } from '../domain/count-proof.ts';
import type { MailMessage } from '../domain/mail.ts';
import type { SignDeps } from '../domain/sign.ts';
import type { CountHub } from '../live/count-hub.ts';
import type { Logger } from '../log.ts';
import type { EditionPdfMaker } from '../views/edition.tsx';
import type { CardDrawer } from '../views/link-card.ts';
import type { LiveStream } from './event-stream.ts';
import type { FormGuard } from './form-guard.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import type { AddressLimitDeps } from './rate-limit.ts';
import type { SecurityHeaders } from './security-headers.ts';

/** What the app is built from (see createApp); the entries supply it through createSite. */
export interface AppDeps extends SignDeps {
  /** The request header a trusted proxy puts the client's address in; unset: the connection's. */
  trustProxy?: string | undefined;
  /** Per-address limits count an IPv6 client by its network of this many bits (48 to 64). */
  ipv6PrefixBits: number;
  /** The address of the connection a request came over, as the runtime knows it. */
  connectionAddress: (c: Context) => string | undefined;
  /** A sign form sent sooner than this after it was shown is shown again, to be sent once more. */
  formMinSeconds: number;
  /** A sign form's stamp serves this long after the form was shown. */
  formMaxSeconds: number;
  /** Asks signers of a flooded letter, or of one whose organizer wants it, for a proof of work. */
  proofOfWork: ProofOfWork;
  /** Domains are shown with their count of verified signers only from this many on. */
  minDomainSigners: number;
  /** Serves letters and their counts from memory; see createCountHub. */
  counts: CountHub;
  /** HMAC-SHA256 under the site secret, hex; callers prefix their messages to keep uses apart. */
  hmac: (message: string) => Promise<string>;
  /** The site's public address, without a trailing slash. */
  publicUrl: string;
  /** Signs the counts the API serves; its public key is served at /.well-known/undersigned.json. */
  countKey: CountSigningKey;
  logger: Logger;
  /** Called when a signing has queued mail, so it can be sent right away (on Workers, after the answer). */
  onMailQueued?: (c: Context) => void;
  /** The mail kept by the log mailer; when given, /dev/outbox shows it. */
  devOutbox?: () => readonly MailMessage[];
  /** Where this runtime serves the count as Server-Sent Events (Node does; Workers poll). */
  liveStream?: LiveStream;
  /**
   * Compresses with gzip, where the platform does not compress responses itself (Node; Cloudflare's
   * edge does for Workers): the letter page is sent compressed to readers whose browsers take it.
   */
  gzip?: (text: string) => Uint8Array<ArrayBuffer>;
  /** Serves public/ on runtimes where the platform does not. */
  staticFiles?: MiddlewareHandler;
  /** Draws the image of a letter's link previews (GET /l/:slug/card.png). */
  linkCards: CardDrawer;
  /** Makes the PDF edition of a letter, where the runtime can (Node); elsewhere its route points to the print page. */
  editionPdf?: EditionPdfMaker;
}

/**
 * Everything a route may be given: the app's deps and the helpers createApp makes once per app. A
 * route factory takes a Pick of it, only what it uses.
 */
export interface RouteDeps extends AppDeps, AddressLimitDeps {
  formGuard: FormGuard;
  security: SecurityHeaders;
}
