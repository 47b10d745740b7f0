import { Hono, type Context } from 'hono';
import { nameDomain } from '../domain/affiliation.ts';
import { anyLetter, createLetter, translationsOf, updateLetter } from '../domain/letters.ts';
import { letterGrowth, type GrowthBucket, type LetterGrowth } from '../domain/growth.ts';
import { moderate } from '../domain/moderation.ts';
import { utcDay } from '../domain/signing-source.ts';
import { listSignatures } from '../domain/signature-list.ts';
import { actorOf } from '../domain/organizers.ts';
import type { Letter, MailDelivery } from '../domain/entities.ts';
import type { Store } from '../domain/store.ts';
import { bearerAuth, type AdminEnv } from './admin-auth.ts';
import type { RouteDeps } from './deps.ts';
import { exportRoutes } from './download.ts';
import { jsonBody } from './request-body.ts';

/** The organizer API under /api/admin, for scripts: the organizer token as a Bearer token. */
export function adminApiRoutes(deps: Pick<RouteDeps, 'store' | 'now'>) {
  const api = new Hono<AdminEnv>();
  api.use(bearerAuth(deps));
  const actor = (c: Context<AdminEnv>) => actorOf(c.get('organizer'));

  api.get('/letters', async (c) => c.json({ letters: (await deps.store.allLetters()).map(letterJson) }));

  api.post('/letters', async (c) => {
    const letter = await createLetter(deps.store, actor(c), await jsonBody(c), deps.now());
    return c.json(await fullLetterJson(deps.store, letter), 201);
  });

  api.get('/letters/:slug', async (c) => c.json(await fullLetterJson(deps.store, await anyLetter(deps.store, c.req.param('slug')))));

  api.patch('/letters/:slug', async (c) => {
    const letter = await updateLetter(deps.store, actor(c), c.req.param('slug'), await jsonBody(c), deps.now());
    return c.json(await fullLetterJson(deps.store, letter));
  });

  api.get('/letters/:slug/signatures', async (c) => {
    const { signatures, next } = await listSignatures(deps.store, c.req.param('slug'), c.req.query());
    return c.json({ signatures, next });
  });

  api.post('/letters/:slug/signatures/moderate', async (c) =>
    c.json(await moderate(deps.store, actor(c), c.req.param('slug'), await jsonBody(c), deps.now())),
  );

  api.get('/letters/:slug/growth', async (c) => {
    const letter = await anyLetter(deps.store, c.req.param('slug'));
    const [growth, mail] = await Promise.all([letterGrowth(deps.store, letter, deps.now()), deps.store.mailDelivery(letter.id)]);
    return c.json(growthJson(growth, mail));
  });

  exportRoutes(api, deps);

  api.get('/domains', async (c) => c.json({ domains: await deps.store.domainOrganisations() }));

  api.put('/domains/:domain', async (c) => {
    const body = await jsonBody(c);
    const organisation = body && typeof body === 'object' && 'organisation' in body ? body.organisation : undefined;
    return c.json(await nameDomain(deps.store, actor(c), { domain: c.req.param('domain'), organisation }, deps.now()));
  });

  api.delete('/domains/:domain', async (c) =>
    c.json(await nameDomain(deps.store, actor(c), { domain: c.req.param('domain'), organisation: null }, deps.now())),
  );

  api.get('/audit', async (c) => {
    const slug = c.req.query('letter');
    const letterId = slug ? (await anyLetter(deps.store, slug)).id : undefined;
    return c.json({ entries: await deps.store.auditLog({ ...(letterId !== undefined && { letterId }), limit: 200 }) });
  });

  return api;
}

function letterJson(letter: Letter) {
  return {
    slug: letter.slug,
    title: letter.title,
    summary: letter.summary,
    organisedBy: letter.organisedBy,
    addressee: letter.addressee,
    publishedOn: letter.publishedOn,
    body: letter.body,
    lang: letter.lang,
    status: letter.status,
    deadline: letter.deadline?.toISOString() ?? null,
    goal: letter.goal,
    formFields: letter.formFields,
    listThresholds: letter.listThresholds,
    listDelayHours: letter.listDelayHours,
    proofOfWork: letter.proofOfWork,
    count: letter.signatureCount,
    updatedAt: letter.updatedAt.toISOString(),
  };
}

async function fullLetterJson(store: Store, letter: Letter) {
  const [translations, mail] = await Promise.all([translationsOf(store, letter), store.mailDelivery(letter.id)]);
  return { ...letterJson(letter), translations, mail: mailDeliveryJson(mail) };
}

/** The dashboard's figures (see docs/organizers.md#see-it-grow). */
function growthJson(growth: LetterGrowth, mail: MailDelivery) {
  const bucket = ({ start, ...kinds }: GrowthBucket, key: 'start' | 'day') => ({
    [key]: key === 'day' ? utcDay(start) : start.toISOString(),
    ...kinds,
  });
  return {
    hours: growth.hours.map((b) => bucket(b, 'start')),
    days: growth.days.map((b) => bucket(b, 'day')),
    confirmation: growth.confirmation,
    mail: mailDeliveryJson(mail),
    sources: growth.sources,
  };
}

function mailDeliveryJson(mail: MailDelivery) {
  return { ...mail, lastError: mail.lastError && { at: mail.lastError.at.toISOString(), reason: mail.lastError.reason } };
}
