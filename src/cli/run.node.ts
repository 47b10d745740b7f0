import packageJson from '../../package.json' with { type: 'json' };
import { checkCommand } from './check.node.ts';
import { CliError, usageError, type Command } from './command.ts';
import { exportCommand } from './export.node.ts';
import { mailerCommand } from './mailer.node.ts';
import { mirrorCommand } from './mirror.node.ts';
import { parseCommandLine } from './parse.node.ts';
import { printable } from './printable.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.node.ts';
import { commandHelp, overview } from './usage.ts';
import { verifyCountCommand } from './verify-count.node.ts';

/** Every command, in the order the help lists them. */
const COMMANDS: readonly Command[] = [tokenCreate, tokenList, tokenRevoke, exportCommand, checkCommand, mirrorCommand, verifyCountCommand, mailerCommand];

const HELP = ['--help', '-h'];

/**
 * Runs `undersigned ARGV…` and answers the exit code: 0 done, 1 failed (or found a problem), 2 the
 * command line has to change. Help goes to standard output; a problem is one line on standard error.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let name = '';
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      console.error(overview(COMMANDS));
      return 2;
    }
    if (first === '--version') {
      console.log(packageJson.version);
      return 0;
    }
    if (HELP.includes(first) || first === 'help') {
      const found = first === 'help' && rest.length > 0 ? findCommand(rest) : undefined;
      console.log(found?.command ? commandHelp(found.command) : overview(found?.group ?? COMMANDS));
      return 0;
    }
    const found = findCommand(argv);
    if (!found.command) {
      // A group (`undersigned token`): its help if asked for, else which words may follow.
      if (found.rest.some((arg) => HELP.includes(arg))) {
        console.log(overview(found.group));
        return 0;
      }
      name = argv[0]!;
      throw usageError(`needs one of: ${found.group.map((c) => c.name.split(' ')[1]).join(', ')}`);
    }
    name = found.command.name;
    const parsed = parseCommandLine(found.command, found.rest);
    if (parsed === 'help') {
      console.log(commandHelp(found.command));
      return 0;
    }
    return await found.command.run(parsed);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const where = name ? `undersigned ${name}` : 'undersigned';
    console.error(`${where}: ${printable(error.message)}${error.exitCode === 2 ? ` (see ${where} --help)` : ''}`);
    return error.exitCode;
  }
}

/** The command `words` start with, and the words after its name; or the group they name (`token`). */
function findCommand(words: readonly string[]): { command?: Command; group: readonly Command[]; rest: string[] } {
  const [first = '', second = ''] = words;
  const group = COMMANDS.filter((c) => c.name.split(' ')[0] === first);
  if (group.length === 0) throw usageError(first.startsWith('-') ? `unknown option ${first}` : `unknown command ${JSON.stringify(first)}`);
  if (group.length === 1 && group[0]!.name === first) return { command: group[0]!, group, rest: words.slice(1) };
  const command = group.find((c) => c.name === `${first} ${second}`);
  if (command) return { command, group, rest: words.slice(2) };
  if (second === '' || second.startsWith('-')) return { group, rest: words.slice(1) };
  throw usageError(`unknown command ${JSON.stringify(`${first} ${second}`)}`);
}
