/** Command-line arguments split into positionals and `--options` (`--name value`, `--name=value`, or `--flag`). */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

/**
 * Parses arguments. `flags` names the options that never take a value (so `--dry-run file.csv` keeps
 * `file.csv` positional); `--` ends option parsing.
 * @example parseArgs(['a.csv', '--dry-run', '--mapping', 'region=Province'], ['dry-run'])
 */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) out.options[name] = a.slice(eq + 1);
    else if (flags.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) out.options[name] = true;
    else out.options[name] = argv[++i]!;
  }
  return out;
}

/** An option's string value, or undefined; a bare `--name` without value is an error. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
