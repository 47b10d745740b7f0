import { Hono, type Context } from 'hono';
import { displayCount, isLocale } from '../domain/count-display.ts';
import { proveCount, type CountProof } from '../domain/count-proof.ts';
import { ServiceError } from '../domain/errors.ts';
import { isPublic, openLetter, publicLetter, statusAt } from '../domain/letters.ts';
import { sign } from '../domain/sign.ts';
import { domainAggregates, publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/entities.ts';
import { badgeLabel, defaultLabel } from '../views/badge.ts';
import { cacheResponse, perLetter } from '../live/per-letter.ts';
import type { SignDeps } from '../domain/sign.ts';
import { COUNT_PROOF_HEADER, encodeProofHeader } from './count-proof-http.ts';
import type { RouteDeps } from './deps.ts';
import { streamCounts } from './count-stream.ts';
import { embeddable, prebuildEmbeddable, etagOf, queryOf } from './embeddable.ts';
import { PROOF_FIELD } from '../views/sign-form-fields.ts';
import { perAddress, type AddressLimitDeps } from './rate-limit.ts';
import { sameSiteOnly } from './same-site.ts';
import { openApiRoute } from './openapi.ts';
import { jsonBody } from './request-body.ts';
import { hasCompleteHeaders, markHeadersComplete } from './security-headers.ts';

type ApiDeps = SignDeps &
  AddressLimitDeps &
  Pick<RouteDeps, 'counts' | 'countKey' | 'liveStream' | 'minDomainSigners' | 'onMailQueued' | 'proofOfWork' | 'publicUrl' | 'security'>;

/** The public JSON API under /api: reads are open to any site (CORS); writes are not. */
export function apiRoutes(deps: ApiDeps) {
  const api = new Hono();
  api.use(async (c, next) => {
    await next();
    if (c.req.method === 'GET' && !hasCompleteHeaders(c.res)) c.res.headers.set('access-control-allow-origin', '*');
  });

  const summary = (letter: Letter, locale = 'en') => ({
    slug: letter.slug,
    title: letter.title,
    url: `${deps.publicUrl}/l/${letter.slug}`,
    count: letter.signatureCount,
    display: displayCount(letter.signatureCount, locale),
  });
  // Signed once per letter object, that is once per change of the count or the text, for every
  // locale, label and stream; Ed25519 signatures are deterministic, so every instance signs alike.
  const proof = (letter: Letter) => perLetter(letter, 'proof', () => proveCount(letter, deps.countKey));
  const countJson = (signed: CountProof, locale: string) => ({
    count: signed.count,
    display: displayCount(signed.count, locale),
    updatedAt: signed.updatedAt,
    slug: signed.slug,
    textSha256: signed.textSha256,
    keyId: signed.keyId,
    signature: signed.signature,
  });
  // The signature covers slug, count, time, text and key: whatever changes, it does.
  const version = (signed: CountProof, ...rest: string[]) => [signed.signature, ...rest].join('\u0000');

  api.get('/letters', async (c) => {
    const letters = await deps.store.openLetters(deps.now());
    return c.json({ letters: letters.map((letter) => summary(letter)) });
  });

  api.get('/letters/:slug', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    return c.json({
      ...summary(letter),
      summary: letter.summary,
      organisedBy: letter.organisedBy,
      addressee: letter.addressee,
      publishedOn: letter.publishedOn,
      lang: letter.lang,
      status: statusAt(letter, deps.now()),
      deadline: letter.deadline?.toISOString() ?? null,
      goal: letter.goal,
      updatedAt: letter.countUpdatedAt.toISOString(),
    });
  });

  // The hottest reads there are: body and ETag are built once per count change and locale, and
  // cached per query string (docs/performance.md#prebuilt-responses).
  api.get('/letters/:slug/count', async (c) => {
    const locale = localeOf(c);
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const answer = await perLetter(letter, `count\u0000${locale}`, async () => {
      const signed = await proof(letter);
      return prebuildEmbeddable(deps.security.forPath(c.req.path), {
        etag: etagOf(version(signed, 'count', locale)),
        type: 'application/json',
        body: JSON.stringify(countJson(signed, locale)),
      });
    });
    return embeddable(c, cacheResponse(letter, 'count', queryOf(c), answer));
  });

  api.get('/letters/:slug/shields.json', async (c) => {
    const locale = localeOf(c);
    const asked = badgeLabel(c.req.query('label') ?? defaultLabel(locale));
    if ('problem' in asked) throw new ServiceError('invalid_input', 'Some fields need attention.', { label: asked.problem });
    const { label } = asked;
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const answer = await perLetter(letter, `shields\u0000${locale}\u0000${label}`, async () => {
      const signed = await proof(letter);
      return prebuildEmbeddable(deps.security.forPath(c.req.path), {
        etag: etagOf(version(signed, 'shields', locale, label)),
        type: 'application/json',
        body: JSON.stringify({ schemaVersion: 1, label, message: displayCount(signed.count, locale), color: 'blue' }),
        // shields.io's endpoint badge refuses a body with keys it does not know (its schema does not
        // allow unknown keys), so the signed count rides in a header here, readable by other sites.
        headers: { [COUNT_PROOF_HEADER]: encodeProofHeader(signed), 'access-control-expose-headers': COUNT_PROOF_HEADER },
      });
    });
    return embeddable(c, cacheResponse(letter, 'shields', queryOf(c), answer));
  });

  const live = deps.liveStream;
  if (live) {
    api.get('/letters/:slug/count/stream', async (c) => {
      const locale = localeOf(c);
      const letter = await publicLetter(deps.store, c.req.param('slug'));
      // Each event is the count JSON, signed: a saved event checks like a saved count. It is built once
      // per change and locale, for every watcher.
      const event = (changed: Letter) =>
        perLetter(changed, `event\u0000${locale}`, async () => {
          const data = JSON.stringify(countJson(await proof(changed), locale));
          return `event: count\ndata: ${data}\nretry: 3000\n\n`;
        });
      const headers = { ...deps.security.forPath(c.req.path), 'access-control-allow-origin': '*', 'x-accel-buffering': 'no' };
      return live.open(c, headers, (stream) =>
        streamCounts(stream, {
          first: letter,
          // A letter taken back to draft (or moved away) is no longer public: its stream ends.
          subscribe: (listener, end) =>
            deps.counts.subscribe(letter.slug, (changed) => (isPublic(changed) ? listener(changed) : end())),
          event,
          heartbeatMs: live.heartbeatMs,
        }),
      );
    });
  }

  api.get('/letters/:slug/signatures', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const page = await publicPage(deps.store, letter, { cursor: c.req.query('cursor'), query: c.req.query('q') });
    return c.json({
      signatures: page.signatures.map(({ position, ...shown }) => ({ ...shown, notable: position.notable })),
      next: page.next,
      unlisted: page.unlisted,
      waiting: page.waiting,
    });
  });

  api.get('/letters/:slug/domains', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    return c.json({ minimum: deps.minDomainSigners, domains: await domainAggregates(deps.store, letter, deps.minDomainSigners) });
  });

  // The answer to every signing of a viral hour, made with its headers in a plain object: set on a
  // finished response instead, they would be parsed, checked and sorted again for each one.
  const pendingHeaders = { ...deps.security.forPath('/api/'), 'content-type': 'application/json' };
  const pending = JSON.stringify({ status: 'pending_verification' });
  api.post('/letters/:slug/signatures', sameSiteOnly(deps.publicUrl), perAddress(deps, 'signPerAddress'), async (c) => {
    const slug = c.req.param('slug');
    const { proof, input } = withoutProof(await jsonBody(c));
    const letter = await openLetter(deps.store, slug, deps.now());
    const proofCheck = await deps.proofOfWork.check(letter, proof);
    if (proofCheck === 'missing' || proofCheck === 'invalid') throw proofError(slug, proofCheck);
    const { mailQueued } = await sign(deps, slug, input, 'api');
    if (mailQueued) deps.onMailQueued?.(c);
    return markHeadersComplete(new Response(pending, { status: 202, headers: pendingHeaders }));
  });

  // A challenge for a signing's proof of work; each is new, so none is kept by a cache.
  api.get('/letters/:slug/challenge', async (c) => {
    await openLetter(deps.store, c.req.param('slug'), deps.now());
    c.header('Cache-Control', 'no-store');
    return c.json(await deps.proofOfWork.challenge());
  });

  api.route('/', openApiRoute(deps.publicUrl));

  return api;
}

/** The signing's fields, and apart from them the proof of work, which is no part of the signature. */
function withoutProof(body: unknown): { proof: unknown; input: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { proof: undefined, input: body };
  const { [PROOF_FIELD]: proof, ...input } = body as Record<string, unknown>;
  return { proof, input };
}

function proofError(slug: string, check: 'missing' | 'invalid'): ServiceError {
  const challenge = `GET /api/letters/${slug}/challenge`;
  return new ServiceError('invalid_input', 'This letter asks for a proof of work now.', {
    [PROOF_FIELD]:
      check === 'missing'
        ? `Send a solved challenge in this field: get one from ${challenge} and solve it (see the README).`
        : `This solution is not valid, has expired or was used already: get a new challenge from ${challenge}.`,
  });
}

/** `?locale=`, default en; a malformed tag is a 400 naming the field. */
export function localeOf(c: Context): string {
  const locale = c.req.query('locale') ?? 'en';
  if (!isLocale(locale)) {
    throw new ServiceError('invalid_input', 'Some fields need attention.', {
      locale: 'Locale must be a language tag such as "en" or "de".',
    });
  }
  return locale;
}
