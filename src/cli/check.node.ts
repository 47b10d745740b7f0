import { checkCounts } from '../domain/check.ts';
import { COMMAND_LINE } from '../domain/organizers.ts';
import { defineCommand } from './command.ts';
import { withDatabase } from './database.node.ts';

export const checkCommand = defineCommand({
  name: 'check',
  options: { fix: { type: 'boolean', help: 'set each differing count to its signatures, and log the repair in the audit log' } },
  summary: "Compare every letter's stored count with the signatures it counts; exit 1 if any differs.",
  run: ({ options }) =>
    withDatabase(async ({ store }) => {
      const fix = options.fix ?? false;
      const mismatches = await checkCounts(store, { fix, actor: COMMAND_LINE, now: new Date() });
      if (mismatches.length === 0) {
        console.log('All counts match their signatures.');
        return 0;
      }
      for (const m of mismatches) {
        const listed = m.listedStored === m.listedActual ? '' : `; listed ${m.listedStored}, counted ${m.listedActual}`;
        console.log(`${m.slug}: stored count ${m.stored}, signatures counted ${m.actual}${listed}${fix ? ' (fixed)' : ''}`);
      }
      return fix ? 0 : 1;
    }),
});
