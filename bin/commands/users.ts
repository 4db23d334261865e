import { parseEnv } from '../../api/env.ts';
import { changeAccount, createAccount } from '../../api/services/auth/accounts.ts';
import { setScryptCost } from '../../api/services/auth/password.ts';
import { sqliteAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { usersAsync } from '../../db/queries/users.ts';
import { ROLES } from '../../indicators/index.ts';
import type { Role } from '../../indicators/index.ts';
import { stringOption, UsageError, type ParsedArgs } from '../args.ts';
import { cliActor, databaseUrlOption, openPgData } from '../db.ts';
import type { Command, CommandIo } from '../registry.ts';
import { readPassword } from './password-input.ts';

const SUBCOMMANDS =
  'add --email <email> [--name <name>] [--role viewer|analyst|admin | --admin] | list | set-role <email> <role> | disable <email> | enable <email> | passwd <email>';

function role(value: string | undefined): Role {
  if (!ROLES.includes(value as Role)) throw new UsageError(`role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

function emailArg(args: ParsedArgs, count = 2): string {
  const email = args.positionals[1];
  if (!email || args.positionals.length !== count)
    throw new UsageError(`vigil users ${args.positionals[0]} needs an email`);
  return email;
}

/**
 * The accounts' database: PostgreSQL with `--database-url` or VIGIL_DATABASE_URL (migrated; refused
 * while it holds no Vigil data, as the server's first start copies the bundled data only into an
 * empty database), else the SQLite file `VIGIL_DB`, migrated.
 */
async function openAccounts(args: ParsedArgs, vars: CommandIo['env'], file: string) {
  const url = databaseUrlOption(args, vars);
  if (url === undefined) {
    const db = openDb(file);
    runMigrations(db);
    return { data: sqliteAsync(db), close: async () => db.$client.close() };
  }
  return openPgData(url);
}

async function run(args: ParsedArgs, io: CommandIo): Promise<number> {
  if ('password' in args.options)
    throw new UsageError(
      'never put a password on the command line (shell history, ps): set VIGIL_PASSWORD or pipe it on stdin',
    );
  const sub = args.positionals[0];
  const env = parseEnv(io.env);
  setScryptCost(env.VIGIL_SCRYPT_COST);
  const { data, close } = await openAccounts(args, io.env, env.VIGIL_DB);
  const actor = cliActor().name;
  const at = new Date().toISOString();
  const existing = async (email: string) => {
    const u = await usersAsync.findByEmail(data, email);
    if (!u) throw new UsageError(`no account for ${email} (see vigil users list)`);
    return u;
  };
  try {
    switch (sub) {
      case 'add': {
        const email = stringOption(args, 'email') ?? args.positionals[1];
        if (!email) throw new UsageError('vigil users add needs --email');
        const r = args.options.admin === true ? 'admin' : role(stringOption(args, 'role') ?? 'viewer');
        const password = await readPassword(`Password for ${email}`, io.env);
        const user = await createAccount(
          data,
          { email, name: stringOption(args, 'name'), role: r, password },
          actor,
          at,
        );
        io.out(`Created ${user.role} ${user.email} (id ${user.id}).`);
        return 0;
      }
      case 'list': {
        const users = await usersAsync.list(data);
        if (!users.length) io.out('No accounts yet: create the first admin with vigil users add --admin --email …');
        for (const u of users)
          io.out(
            `${String(u.id).padStart(4)}  ${u.role.padEnd(7)}  ${u.disabledAt ? 'disabled' : 'enabled '}  ${u.email}  ${u.name === u.email ? '' : u.name}`.trimEnd(),
          );
        return 0;
      }
      case 'set-role': {
        const u = await existing(emailArg(args, 3));
        const after = await changeAccount(data, u.id, { role: role(args.positionals[2]) }, actor, at);
        io.out(`${after.email} is now ${after.role}.`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const u = await existing(emailArg(args));
        await changeAccount(data, u.id, { disabled: sub === 'disable' }, actor, at);
        io.out(sub === 'disable' ? `Disabled ${u.email}: sessions ended, API tokens revoked.` : `Enabled ${u.email}.`);
        return 0;
      }
      case 'passwd': {
        const u = await existing(emailArg(args));
        await changeAccount(
          data,
          u.id,
          { password: await readPassword(`New password for ${u.email}`, io.env) },
          actor,
          at,
        );
        io.out(`Changed the password of ${u.email}; its sessions are ended.`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'say what to do');
    }
  } finally {
    await close();
  }
}

/** `vigil users …`: create the first admin and manage accounts from the server's shell. */
export const usersCommand: Command = {
  name: 'users',
  summary: 'Manage accounts: add (password from VIGIL_PASSWORD or stdin), list, set-role, disable, enable, passwd',
  usage: `${SUBCOMMANDS}  [--database-url postgres://… (default VIGIL_DATABASE_URL)]`,
  flags: ['admin'],
  run,
};
