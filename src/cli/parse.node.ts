import { parseArgs } from 'node:util';
import { usageError, type Command, type OptionValues, type OptionSpecs } from './command.ts';

/**
 * A command's arguments and options from what follows its name, or "help" when -h or --help is among
 * them. Anything else amiss (an unknown option, a missing value, an argument too many or too few)
 * throws a usage error that names it.
 */
export function parseCommandLine<O extends OptionSpecs>(
  command: Command<O>,
  argv: string[],
): 'help' | { args: string[]; options: OptionValues<O> } {
  // Not strict: Node's own messages speak of its API; the tokens let each problem be named here.
  const { tokens } = parseArgs({
    args: argv,
    options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return 'help';

  const options: Record<string, string | boolean> = {};
  const args: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') args.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = command.options[token.name];
    if (!spec) throw usageError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean') {
      if (token.inlineValue) throw usageError(`option --${token.name} takes no value`);
      options[token.name] = true;
    } else {
      // `--name --letter x` would take "--letter" for the name: a value that looks like an option
      // must be written --name=VALUE.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
        throw usageError(`option --${token.name} needs a value`);
      }
      options[token.name] = token.value;
    }
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && options[name] === undefined) throw usageError(`option --${name} ${spec.value} is required`);
  }
  const expected = command.args ?? [];
  if (args.length < expected.length) throw usageError(`missing ${expected[args.length]}`);
  if (args.length > expected.length) throw usageError(`unexpected argument ${JSON.stringify(args[expected.length])}`);
  return { args, options: options as OptionValues<O> };
}
