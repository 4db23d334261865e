import { ApiError } from '../api/errors.ts';
import { EnvError } from '../api/env.ts';
import { parseArgs, UsageError } from './args.ts';
import { COMMANDS } from './commands/index.ts';
import type { Command, CommandIo } from './registry.ts';

function help(io: CommandIo): void {
  io.out('Usage: vigil <command> [arguments]   (database: VIGIL_DB, default ./data/vigil.db)\n');
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(width)}  ${c.summary}`);
  io.out("\nvigil help <command> shows a command's arguments.");
}

const usage = (c: Command) => `Usage: vigil ${c.name} ${c.usage}`.trimEnd();

/**
 * Runs `vigil <command> …` with `io` (the process's streams and environment, or a test's) and
 * returns the exit code: 0 success, 1 failure or rejection, 2 usage.
 */
export async function runCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const c = COMMANDS.find((x) => x.name === rest[0]);
    if (c) io.out(`${usage(c)}\n\n${c.summary}`);
    else help(io);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`vigil: unknown command '${name}'\n`);
    help(io);
    return 2;
  }
  try {
    return await command.run(parseArgs(rest, command.flags), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vigil ${name}: ${e.message}\n${usage(command)}`);
      return 2;
    }
    if (e instanceof EnvError) {
      io.err(`vigil ${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof ApiError) {
      io.err(`vigil ${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
      io.err(`vigil ${name}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
