import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { storedCountKey } from '../db/settings.ts';
import { isPublic } from '../domain/letters.ts';
import { PUBLIC_DIR } from '../paths.node.ts';
import { CliError, defineCommand, usageError } from './command.ts';
import { withDatabase } from './database.node.ts';

export const mirrorCommand = defineCommand({
  name: 'mirror',
  options: {
    letter: { type: 'string', value: 'SLUG', required: true, help: 'the letter, by its slug; an open or a closed one' },
    out: { type: 'string', value: 'DIR', required: true, help: 'the folder to write it to' },
    'public-url': { type: 'string', value: 'URL', help: "the site's address, for the link to the original and the key's document (default: PUBLIC_URL)" },
  },
  summary: 'Write a static copy of a letter, for when the site is blocked.',
  details:
    'The letter in every language, the public list, the signed count, the key and how to check them;\n' +
    'every link relative, nothing loaded from elsewhere. See docs/signed-counts-and-mirror.md.',
  run: async ({ options }) => {
    // The copy names the site it came from: a guess (localhost) would be published with it.
    const publicUrl = options['public-url'] ?? (process.env.PUBLIC_URL || undefined);
    if (publicUrl === undefined) {
      throw usageError("needs the site's public address for its links: set PUBLIC_URL (in the environment or .env) or give --public-url URL");
    }
    if (options['public-url'] !== undefined && !/^https?:\/\/[^/]/i.test(options['public-url'])) {
      throw usageError('option --public-url must be an http or https URL, like https://letters.example.org');
    }
    return withDatabase(
      async ({ config, db, store }) => {
        const letter = await store.letterBySlug(options.letter);
        if (!letter) throw new CliError(`no letter with slug ${JSON.stringify(options.letter)}`);
        if (!isPublic(letter)) throw new CliError(`letter ${JSON.stringify(options.letter)} is a draft: only an open or closed letter is mirrored`);
        // Loaded only here: the pages and their Markdown are tens of MB that no other command needs.
        const { mirrorFiles } = await import('../mirror/bundle.tsx');
        const deps = {
          store,
          key: await storedCountKey(db),
          publicUrl: config.PUBLIC_URL,
          stylesheet: await readFile(join(PUBLIC_DIR, 'style.css'), 'utf8'),
          minDomainSigners: config.MIN_DOMAIN_SIGNERS,
        };
        let files = 0;
        for await (const file of mirrorFiles(deps, letter)) {
          const path = join(options.out, ...file.path.split('/'));
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, file.content);
          files++;
        }
        console.log(`Wrote ${files} files to ${options.out}.`);
        return 0;
      },
      { ...process.env, PUBLIC_URL: publicUrl },
    );
  },
});
