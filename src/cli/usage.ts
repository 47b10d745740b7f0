import type { Command } from './command.ts';

const WIDTH = 100;

/** A command as it is typed: `export --letter SLUG --format csv|jsonl [--status …] …`. */
function synopsis(command: Command): string[] {
  const options = Object.entries(command.options);
  const option = ([name, spec]: (typeof options)[number]) => (spec.type === 'string' ? `--${name} ${spec.value}` : `--${name}`);
  return [
    command.name,
    ...(command.args ?? []),
    ...options.filter(([, spec]) => spec.required).map(option),
    ...options.filter(([, spec]) => !spec.required).map((entry) => `[${option(entry)}]`),
  ];
}

/** Words joined into lines of at most WIDTH characters, the lines after the first indented. */
function wrap(words: string[], first: string, indent: string): string {
  const lines = [first];
  for (const word of words) {
    const line = lines[lines.length - 1]!;
    if (line.length + word.length + 1 > WIDTH && line.trim() !== '') lines.push(`${indent}${word}`);
    else lines[lines.length - 1] = line.endsWith(' ') || line === '' ? `${line}${word}` : `${line} ${word}`;
  }
  return lines.join('\n');
}

/** The list of commands, for `undersigned --help` (or `undersigned token --help`: the ones given). */
export function overview(commands: readonly Command[]): string {
  const entries = commands.map((command) => `${wrap(synopsis(command), '  ', '      ')}\n      ${command.summary}`);
  return `Usage: undersigned COMMAND [OPTIONS]

Commands:
${entries.join('\n')}

Run undersigned COMMAND --help for a command's options, undersigned --version for the version.

Every command but verify-count works on the database DATABASE_URL names (unset:
file:./data/undersigned.db, in the folder it runs in), as the server does. A .env file in that
folder is read first; a variable already set in the environment wins over it.`;
}

/** `undersigned COMMAND --help`. */
export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, spec]) => [
    spec.type === 'string' ? `--${name} ${spec.value}` : `--${name}`,
    `${spec.help}${spec.required ? ' (required)' : ''}`,
  ]);
  rows.push(['-h, --help', 'show this help']);
  const column = Math.max(...rows.map(([left]) => left!.length)) + 2;
  const table = rows.map(([left, right]) => `  ${left!.padEnd(column)}${right}`).join('\n');
  return `${wrap(synopsis(command), 'Usage: undersigned', '         ')}

${command.summary}${command.details ? `\n${command.details}` : ''}

Options:
${table}`;
}
