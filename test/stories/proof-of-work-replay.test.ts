import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvedChallenge } from '../support/proof-of-work.ts';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

// Story: a bot solves one challenge, then sends the same solution with many signings at once,
// before the site has marked it used.
describe('one solved challenge sent many times at once', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ env: { PROOF_OF_WORK_COST: '1' } });
    const organizer = await site.organizerToken();
    const on = await site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${organizer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ proofOfWork: true }),
    });
    expect(on.status).toBe(200);
  });
  afterAll(() => site.close());

  it('takes one signing for it, and refuses the others', async () => {
    const altcha = await solvedChallenge(site, SLUG);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => site.signJson({ name: 'Bot', email: `bot${i}@example.org`, listed: false, altcha })),
    );
    expect(answers.filter((res) => res.status === 202)).toHaveLength(1);
    expect(await rows(site, 'SELECT id FROM signatures')).toHaveLength(1);
  });
});
