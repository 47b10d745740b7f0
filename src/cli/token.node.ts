import { ServiceError } from '../domain/errors.ts';
import { COMMAND_LINE, issueOrganizerToken } from '../domain/organizers.ts';
import { CliError, defineCommand, usageError } from './command.ts';
import { databaseName } from '../db/libsql.node.ts';
import { withDatabase } from './database.node.ts';

export const tokenCreate = defineCommand({
  name: 'token create',
  options: { name: { type: 'string', value: 'NAME', required: true, help: "the organizer's name, as the audit log shows it" } },
  summary: 'Create an organizer token, printed once on standard output.',
  details: 'Only its SHA-256 is stored; the message on standard error names the database it went to.',
  run: ({ options }) =>
    withDatabase(async ({ config, store }) => {
      let issued;
      try {
        issued = await issueOrganizerToken(store, options.name, new Date());
      } catch (error) {
        if (error instanceof ServiceError && error.fields?.name) throw usageError(`option --name: ${error.fields.name}`);
        throw error;
      }
      const { organizer, token } = issued;
      console.error(`Organizer #${organizer.id} "${organizer.name}" created in ${databaseName(config.DATABASE_URL)}.`);
      console.error('The token is shown only this once:');
      console.log(token);
      return 0;
    }),
});

export const tokenList = defineCommand({
  name: 'token list',
  options: {},
  summary: 'List organizers: id, name, when created, and active or revoked (since when).',
  run: () =>
    withDatabase(async ({ store }) => {
      for (const o of await store.organizers()) {
        const state = o.revokedAt ? `revoked ${o.revokedAt.toISOString()}` : 'active';
        console.log(`${o.id}\t${o.name}\tcreated ${o.createdAt.toISOString()}\t${state}`);
      }
      return 0;
    }),
});

export const tokenRevoke = defineCommand({
  name: 'token revoke',
  args: ['ID'],
  options: {},
  summary: "Revoke an organizer's token (ID as token list shows it) and end its admin sessions.",
  run: async ({ args: [id = ''] }) => {
    if (!/^\d+$/.test(id)) throw usageError(`ID must be an organizer's number, as token list shows it, not ${JSON.stringify(id)}`);
    return withDatabase(async ({ store }) => {
      if (!(await store.revokeOrganizer(Number(id), COMMAND_LINE, new Date()))) throw new CliError(`no active organizer #${id}`);
      console.error(`Organizer #${id} revoked; its sessions have ended.`);
      return 0;
    });
  },
});
