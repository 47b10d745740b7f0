import { describe, expect, it } from 'vitest';
import { auditSite, missedTargets } from '../support/lighthouse.ts';

// Issue 23's bar for the pages a signer sees, as Lighthouse measures them on a phone: the same audit
// as `npm run audit`, whose reports in test-output/lighthouse/ say what lost points.
describe('Lighthouse, in mobile emulation', () => {
  it('scores 100 for accessibility, best practices and SEO, and at least 95 for performance, on every page a signer sees', async () => {
    const audits = await auditSite();
    expect(audits.map((audit) => audit.page)).toEqual(['letter', 'signatories', 'confirm', 'widget']);
    // Each miss with the audits that cost the page its points.
    const missed = audits.flatMap((audit) => missedTargets(audit).map((miss) => `${audit.page}: ${miss}: ${audit.failures.join('; ')}`));
    expect(missed).toEqual([]);
  }, 300_000);
});
