/** A command-line option: `--letter SLUG` (a string) or `--fix` (a boolean). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** A string option's value as the usage shows it: SLUG, csv|jsonl. */
  value?: string;
  required?: boolean;
  /** What the option does, for COMMAND --help. */
  help: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

type Value<S extends OptionSpec> = S['type'] extends 'string' ? string : boolean;

/** The options a command was given: a required one is always there. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O as O[K]['required'] extends true ? K : never]: Value<O[K]>;
} & {
  [K in keyof O as O[K]['required'] extends true ? never : K]?: Value<O[K]>;
};

/** One command of `undersigned`: its words, arguments and options, and what it does. */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The words that name it: "export", "token create". */
  name: string;
  /** Its arguments, in order, every one required: ["ID"]. */
  args?: readonly string[];
  options: O;
  /** One line for the list of commands. */
  summary: string;
  /** More for COMMAND --help, when there is more to say. */
  details?: string;
  /** Runs it; answers the exit code (0 done, 1 failed or found a problem). */
  run(input: { args: string[]; options: OptionValues<O> }): Promise<number>;
}

/** A command, with its options' types kept for `run`. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

/** A problem the user can act on, printed as one line: exit 2 when the command line has to change, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line has to change: an unknown command or option, a missing or bad value (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** `value` if it is one of `allowed`, else a usage error that lists them. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`option --${option} must be ${listOr(allowed)}`);
}

/** "a", "a or b", "a, b or c". */
function listOr(words: readonly string[]): string {
  return words.length <= 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
