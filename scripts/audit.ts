// `npm run audit`: Lighthouse on the pages a signer sees, as a phone would load them (issue 23's targets).
import { auditSite, missedTargets, REPORTS, TARGETS } from '../test/support/lighthouse.ts';

const audits = await auditSite();
const categories = Object.keys(TARGETS) as (keyof typeof TARGETS)[];
console.table(Object.fromEntries(audits.map((audit) => [audit.page, audit.scores])));
for (const audit of audits) {
  for (const failure of audit.failures) console.log(`${audit.page} ${failure}`);
}
const missed = audits.flatMap((audit) => missedTargets(audit).map((miss) => `${audit.page}: ${miss}`));
console.log(`\nReports in ${REPORTS}/. Targets: ${categories.map((c) => `${c} ≥ ${TARGETS[c]}`).join(', ')}.`);
if (missed.length) {
  console.error(`Missed:\n  ${missed.join('\n  ')}`);
  process.exitCode = 1;
}
