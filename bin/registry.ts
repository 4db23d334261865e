import type { ParsedArgs } from './args.ts';

/** Where a command writes: plain lines for people (stdout) and problems (stderr). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Writes a file's bytes to standard output as they are (an export without `--out`). */
  write: (chunk: string | Uint8Array) => void;
  /** The environment (`VIGIL_DB` and the rest), so a command can run in a test's process too. */
  env: Record<string, string | undefined>;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  interactive: boolean;
}

/**
 * One `vigil` subcommand. Add a command by writing `bin/commands/<name>.ts` exporting one of these
 * and listing it in `bin/commands/index.ts`.
 */
export interface Command {
  /** The word after `vigil`, e.g. `import`. */
  name: string;
  /** One line for `vigil help`. */
  summary: string;
  /** Arguments and options, e.g. `<file> [--dry-run]`. */
  usage: string;
  /** Options that take no value (so that a following word stays positional). */
  flags?: readonly string[];
  /** Runs the command; resolves to the process exit code (0 success, 1 failure or rejection, 2 usage). */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}
