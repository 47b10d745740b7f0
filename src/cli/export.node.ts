import { once } from 'node:events';
import { exportSignatures, ExportOptions } from '../domain/export.ts';
import { COMMAND_LINE } from '../domain/organizers.ts';
import { CliError, defineCommand, oneOf, usageError } from './command.ts';
import { withDatabase } from './database.node.ts';

// The words the export itself takes (src/domain/export.ts), so that help, checks and API agree.
const FORMATS = ExportOptions.shape.format.options;
const STATUSES = ExportOptions.shape.status.unwrap().options;

export const exportCommand = defineCommand({
  name: 'export',
  options: {
    letter: { type: 'string', value: 'SLUG', required: true, help: 'the letter, by its slug' },
    format: { type: 'string', value: FORMATS.join('|'), required: true, help: 'CSV (RFC 4180) or JSON Lines' },
    status: { type: 'string', value: STATUSES.join('|'), help: 'only signatures in this status (verified: and not hidden); unset: all' },
    from: { type: 'string', value: 'DATE', help: 'only signatures made at or after DATE (2020-08-17, or with a time)' },
    to: { type: 'string', value: 'DATE', help: 'only signatures made before DATE' },
    'include-email': { type: 'boolean', help: 'add the email addresses (the audit log notes it)' },
    bom: { type: 'boolean', help: 'start with a byte order mark, so that Excel reads the CSV as UTF-8' },
  },
  summary: "Write a letter's signatures to standard output, with progress on standard error.",
  details: 'Every export, and whether it included email addresses, is written to the audit log.',
  run: async ({ options }) => {
    const format = oneOf('format', options.format, FORMATS);
    const status = options.status === undefined ? undefined : oneOf('status', options.status, STATUSES);
    for (const option of ['from', 'to'] as const) {
      const value = options[option];
      if (value !== undefined && Number.isNaN(Date.parse(value))) {
        throw usageError(`option --${option} must be a date like 2020-08-17 or 2020-08-17T12:00:00Z`);
      }
    }
    return withDatabase(async ({ store }) => {
      if (!(await store.letterBySlug(options.letter))) throw new CliError(`no letter with slug ${JSON.stringify(options.letter)}`);
      const file = await exportSignatures(
        store,
        COMMAND_LINE,
        options.letter,
        {
          format,
          ...(status && { status }),
          ...(options.from && { from: options.from }),
          ...(options.to && { to: options.to }),
          includeEmail: options['include-email'] ?? false,
          bom: options.bom ?? false,
        },
        new Date(),
      );
      const progress = progressLine(file.size);
      let rows = 0;
      for await (const chunk of file.chunks) {
        if (!process.stdout.write(chunk.text)) await once(process.stdout, 'drain');
        rows += chunk.rows;
        progress(rows);
      }
      progress(rows, true);
      return 0;
    });
  },
});

/** "exported 12,000 of 100,000 rows" on stderr: rewritten in place on a terminal, every tenth otherwise. */
function progressLine(total: number) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (rows: number, done = false) => {
    const line = `exported ${rows.toLocaleString('en')} of ${total.toLocaleString('en')} rows`;
    if (tty) process.stderr.write(`\r${line}${done ? '\n' : ''}`);
    else {
      const tenth = total === 0 ? 10 : Math.floor((rows / total) * 10);
      if (done || tenth > lastTenth) process.stderr.write(`${line}\n`);
      lastTenth = tenth;
    }
  };
}
