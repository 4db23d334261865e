import { ApiError } from '../api/errors.ts';
import { parseArgs, UsageError } from './args.ts';
import { COMMANDS } from './commands/index.ts';
import type { Command, CommandIo } from './registry.ts';

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const io: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

function help(): void {
  io.out('Usage: vigil <command> [arguments]   (database: VIGIL_DB, default ./data/vigil.db)\n');
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(width)}  ${c.summary}`);
  io.out("\nvigil help <command> shows a command's arguments.");
}

const usage = (c: Command) => `Usage: vigil ${c.name} ${c.usage}`.trimEnd();

/** Runs `vigil <command> …` and returns the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const c = COMMANDS.find((x) => x.name === rest[0]);
    if (c) io.out(`${usage(c)}\n\n${c.summary}`);
    else help();
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`vigil: unknown command '${name}'\n`);
    help();
    return 2;
  }
  try {
    return await command.run(parseArgs(rest, command.flags), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vigil ${name}: ${e.message}\n${usage(command)}`);
      return 2;
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

process.exitCode = await main(process.argv.slice(2));
