import { z } from 'zod';
import { parseRate } from './domain/rate-limits.ts';

const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const parsed = parseRate(text);
      if (!parsed) ctx.addIssue({ code: 'custom', message: 'must be a rate like "60/minute" (second, minute, hour or day)' });
      return parsed ?? { max: 0, windowMs: 1 };
    });

const url = (schemes: string[], example: string) =>
  z.string().refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${schemes.join(' or ')} (for example ${example})`);

/** Every setting, read from the environment once, at the entry. README.md lists them. */
export const Config = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    /** The interface to listen on; unset listens on all of them. */
    HOST: z.string().optional(),
    /** The site's address as the public sees it, for links in emails. */
    PUBLIC_URL: url(['http:', 'https:'], 'https://letters.example.org').optional(),
    /** Unset: on Node, the file openDatabase defaults to; on Workers, the D1 binding. */
    DATABASE_URL: url(['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:'], 'file:./data/undersigned.db').optional(),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    /**
     * 1: with no mail configured, /dev/outbox shows every mail in full, addresses and links included,
     * for trying the site on one's own machine. Opt-in, so that a deployment never shows it by mistake.
     */
    DEV_OUTBOX: z
      .enum(['0', '1'], { error: 'must be 1 (on) or 0 (off)' })
      .default('0')
      .transform((value) => value === '1'),
    SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587').optional(),
    /**
     * Connections to the SMTP server at once, each carrying one mail at a time: how fast a backlog
     * drains (docs/performance.md, "Mail"). Many relays cap it; ask yours before raising it.
     */
    SMTP_CONNECTIONS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
    /** An HTTP mail API (for Workers, where SMTP is blocked): POST { from, to, subject, text, html, headers }. */
    MAIL_API_URL: url(['https:', 'http:'], 'https://api.resend.com/emails').optional(),
    MAIL_API_KEY: z.string().optional(),
    /** The same API's batch endpoint, used for the outbox's passes: POST an array of up to 100 of those. */
    MAIL_API_BATCH_URL: url(['https:', 'http:'], 'https://api.resend.com/emails/batch').optional(),
    MAIL_FROM: z
      .string()
      .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, like "Letters <no-reply@example.org>"')
      .optional(),
    /** DKIM signing of SMTP mail: all three or none (docs/deploying.md, "Mail that arrives"). */
    DKIM_DOMAIN: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a domain name, like example.org').optional(),
    DKIM_SELECTOR: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'must be a DNS label, like mail2026').optional(),
    /** PEM; an env file's literal \n escapes are read as line breaks. */
    DKIM_PRIVATE_KEY: z
      .string()
      .transform((pem) => pem.replaceAll('\\n', '\n').trim())
      .refine(isPrivateKey, 'must be a private key in PEM ("-----BEGIN PRIVATE KEY-----…"; see docs/deploying.md)')
      .optional(),
    SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional(),
    MAIL_RETRY_BASE_SECONDS: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(30),
    /** How often a letter's count is read for live streams and caches; changes elsewhere show within it. */
    COUNT_REFRESH_MS: z.coerce.number({ error: 'must be a number' }).int().min(50, 'must be at least 50').default(500),
    /** How often a live count stream sends a comment, so proxies keep it open. */
    SSE_HEARTBEAT_MS: z.coerce.number({ error: 'must be a number' }).int().min(50, 'must be at least 50').default(15_000),
    /**
     * The request header that holds the client's address, set by a proxy in front of the app
     * (e.g. x-forwarded-for, cf-connecting-ip). Unset: the connection's address; no header is trusted.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'must be a header name, like x-forwarded-for')
      .transform((name) => name.toLowerCase())
      .optional(),
    /** Per-address limits count an IPv6 client by its network of this many bits: one subscriber's /64, or up to a /48. */
    IPV6_PREFIX_BITS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(48, 'must be between 48 and 64')
      .max(64, 'must be between 48 and 64')
      .default(64),
    // Shared addresses (carrier NAT, offices) hold many signers: the per-address limit is high, and
    // the per-letter limit and the mail allowances in the database do the fine work.
    LIMIT_SIGN_PER_ADDRESS: rate('60/minute'),
    LIMIT_SIGN_PER_LETTER: rate('60000/minute'),
    LIMIT_LOGIN_PER_ADDRESS: rate('10/minute'),
    LIMIT_LINKS_PER_ADDRESS: rate('120/minute'),
    /** Mails one mailbox gets from the site a day, about all letters together, whatever variant of the address is used. */
    MAILS_PER_MAILBOX_PER_DAY: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').default(5),
    /** Signings sent without a proof of work while a letter asks for one (browsers without JavaScript). */
    LIMIT_SIGN_WITHOUT_PROOF_PER_ADDRESS: rate('10/hour'),
    /** Above this many signings of one letter, its form and API ask for a proof of work. */
    PROOF_OF_WORK_ABOVE: rate('300/minute'),
    /** PBKDF2 iterations of one try at a proof of work; a solver makes a few thousand tries on average. */
    PROOF_OF_WORK_COST: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000').default(1000),
    /** A form sent sooner than this after it was shown is taken for a bot's. */
    FORM_MIN_SECONDS: z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0 or more').default(3),
    /** A sign form sent later than this after it was shown is shown again, to be sent once more. */
    FORM_MAX_SECONDS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(60, 'must be at least 60').default(7200),
    /** Signers at one email domain are shown as a group ("37 verified signers at @company.by") from this many on. */
    MIN_DOMAIN_SIGNERS: z.coerce.number({ error: 'must be a number' }).int().min(2, 'must be at least 2').default(5),
    /**
     * Of a listing threshold, the share that signatures from any one email domain may make up (each
     * free-mail mailbox counts as a domain of its own): one actor with many addresses at one domain
     * cannot reach a threshold alone.
     */
    THRESHOLD_DOMAIN_SHARE: z.coerce
      .number({ error: 'must be a number' })
      .gt(0, 'must be above 0')
      .max(1, 'must be at most 1')
      .default(0.1),
    /** How often the thresholds letters have reached are checked, and waiting names released. */
    THRESHOLD_CHECK_SECONDS: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(60),
    /** How long a mail sender's claim on a mail job lasts; a job whose sender died is retried after it. */
    MAIL_CLAIM_SECONDS: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(90),
    /**
     * off: the web process sends no mail itself, and `undersigned mailer` processes send the outbox
     * (Node only; a Worker's cron trigger always sends).
     */
    MAIL_SENDER: z
      .enum(['on', 'off'], { error: 'must be on or off' })
      .default('on')
      .transform((value) => value === 'on'),
  })
  .refine((env) => !env.MAIL_API_URL || env.MAIL_API_KEY, { path: ['MAIL_API_KEY'], message: 'is needed with MAIL_API_URL' })
  .superRefine((env, ctx) => {
    const dkim = { DKIM_DOMAIN: env.DKIM_DOMAIN, DKIM_SELECTOR: env.DKIM_SELECTOR, DKIM_PRIVATE_KEY: env.DKIM_PRIVATE_KEY };
    const set = Object.values(dkim).filter((value) => value !== undefined).length;
    if (set === 0 || set === 3) return;
    for (const [name, value] of Object.entries(dkim)) {
      if (value === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is needed with the other DKIM_ variables (all three or none)' });
    }
  })
  .transform((env) => {
    const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    const mailFrom = env.MAIL_FROM ?? `Undersigned <no-reply@${new URL(publicUrl).hostname}>`;
    return {
      ...env,
      PUBLIC_URL: publicUrl,
      MAIL_FROM: mailFrom,
      /** The domain of MAIL_FROM's address, which the site's Message-IDs name. */
      MAIL_FROM_DOMAIN: mailFrom.slice(mailFrom.lastIndexOf('@') + 1).replace(/>$/, ''),
      DKIM:
        env.DKIM_DOMAIN && env.DKIM_SELECTOR && env.DKIM_PRIVATE_KEY
          ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: env.DKIM_PRIVATE_KEY }
          : undefined,
      // Production never shows it, whatever else is set.
      DEV_OUTBOX: env.DEV_OUTBOX && env.NODE_ENV !== 'production',
    };
  });
export type Config = z.output<typeof Config>;

/** Whether `pem` is a private key that Web Crypto or Node can read: PKCS#8 or PKCS#1 RSA, in PEM. */
function isPrivateKey(pem: string): boolean {
  const match = /^-----BEGIN (RSA )?PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END \1?PRIVATE KEY-----$/.exec(pem);
  if (!match) return false;
  try {
    return atob(match[2]!.replace(/\s+/g, '')).length > 0;
  } catch {
    return false;
  }
}

/** Parses the environment, or throws an Error whose message names each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable counts as unset, as it does in most tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = Config.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
