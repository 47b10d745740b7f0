import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import { storedCountKey } from './db/settings.ts';
import { openDatabase } from './db/libsql.node.ts';
import { createStore } from './db/store.ts';
import { checkCounts } from './domain/check.ts';
import { ServiceError } from './domain/errors.ts';
import { exportSignatures } from './domain/export.ts';
import { publicLetter } from './domain/letters.ts';
import { COMMAND_LINE, issueOrganizerToken } from './domain/organizers.ts';
import type { Store } from './domain/store.ts';
import { PUBLIC_DIR } from './paths.node.ts';
import { verifyCountCommand } from './verify-count.node.ts';

const USAGE = `Usage: undersigned <command>

  token create --name NAME     create an organizer token (printed once)
  token list                   list organizers
  token revoke ID              revoke an organizer's token and end its sessions
  export --letter SLUG --format csv|jsonl [--status pending|verified|hidden|withdrawn]
         [--from DATE] [--to DATE] [--include-email] [--bom]
                               write the signatures of a letter to standard output
  check [--fix]                compare every stored count with its rows; --fix repairs them
  mirror --letter SLUG --out DIR
                               write a static copy of a letter for when the site is blocked: the
                               letter in every language, the public list, the signed count, the key
                               and how to check them; every link relative, nothing loaded from elsewhere
  verify-count URL|FILE [--key URL|FILE] [--key-id ID]
                               check a signed count (count JSON, or shields.json's header) against
                               the site's key: --key, or by default /.well-known/undersigned.json of
                               the URL's site; a saved FILE needs --key, or --key-id to pin the id
                               of the key saved beside it; exit 0 valid, 1 not valid

The database is the one DATABASE_URL names (default file:./data/undersigned.db); verify-count
needs none.`;

const OPTIONS = {
  name: { type: 'string' },
  letter: { type: 'string' },
  format: { type: 'string' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'include-email': { type: 'boolean' },
  bom: { type: 'boolean' },
  fix: { type: 'boolean' },
  key: { type: 'string' },
  'key-id': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    // An unknown option or a missing value: a usage error, like an unknown command.
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'verify-count') {
    if (positionals.length !== 2) {
      console.error(`verify-count takes one URL or FILE.\n\n${USAGE}`);
      return 2;
    }
    return await verifyCountCommand(sub!, { key: values.key, keyId: values['key-id'] });
  }
  const config = parseConfig(process.env);
  const { db, batch, close } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    const store = createStore(db, batch);
    if (command === 'token' && sub === 'create') return await tokenCreate(store, values);
    if (command === 'token' && sub === 'list') return await tokenList(store);
    if (command === 'token' && sub === 'revoke') return await tokenRevoke(store, arg);
    if (command === 'export') return await exportCommand(store, values);
    if (command === 'mirror') return await mirrorCommand(db, store, config, values);
    if (command === 'check') return await check(store, values.fix ?? false);
    console.error(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  } finally {
    await close();
  }
}

async function tokenCreate(store: Store, values: Values) {
  const { organizer, token } = await issueOrganizerToken(store, values.name ?? '', new Date());
  console.error(`Organizer #${organizer.id} "${organizer.name}" created. The token is shown only this once:`);
  console.log(token);
  return 0;
}

async function tokenList(store: Store) {
  for (const o of await store.organizers()) {
    const state = o.revokedAt ? `revoked ${o.revokedAt.toISOString()}` : 'active';
    console.log(`${o.id}\t${o.name}\tcreated ${o.createdAt.toISOString()}\t${state}`);
  }
  return 0;
}

async function tokenRevoke(store: Store, id: string | undefined) {
  if (!id || !/^\d+$/.test(id)) {
    console.error('Give the id of the organizer to revoke (see: undersigned token list).');
    return 2;
  }
  if (!(await store.revokeOrganizer(Number(id), COMMAND_LINE, new Date()))) {
    console.error(`There is no active organizer #${id}.`);
    return 1;
  }
  console.error(`Organizer #${id} revoked; its sessions have ended.`);
  return 0;
}

async function exportCommand(store: Store, values: Values) {
  const file = await exportSignatures(
    store,
    COMMAND_LINE,
    values.letter ?? '',
    {
      format: values.format,
      ...(values.status && { status: values.status }),
      ...(values.from && { from: values.from }),
      ...(values.to && { to: values.to }),
      includeEmail: values['include-email'] ?? false,
      bom: values.bom ?? false,
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
}

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

async function mirrorCommand(db: Database, store: Store, config: Config, values: Values) {
  if (!values.letter || !values.out) {
    console.error(`mirror needs --letter SLUG and --out DIR.\n\n${USAGE}`);
    return 2;
  }
  const letter = await publicLetter(store, values.letter);
  // Loaded only here: the pages and their Markdown are tens of MB that no other command needs.
  const { mirrorFiles } = await import('./mirror/bundle.tsx');
  const deps = {
    store,
    key: await storedCountKey(db),
    publicUrl: config.PUBLIC_URL,
    stylesheet: await readFile(join(PUBLIC_DIR, 'style.css'), 'utf8'),
    minDomainSigners: config.MIN_DOMAIN_SIGNERS,
  };
  let files = 0;
  for await (const file of mirrorFiles(deps, letter)) {
    const path = join(values.out, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    files++;
  }
  console.log(`Wrote ${files} files to ${values.out}.`);
  return 0;
}

async function check(store: Store, fix: boolean) {
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
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ServiceError) {
    const fields = Object.entries(error.fields ?? {}).map(([field, message]) => `\n  ${field}: ${message}`);
    console.error(`${error.message}${fields.join('')}`);
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exitCode = 1;
}
