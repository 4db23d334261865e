import { parseEnv } from '../../api/env.ts';
import { changeAccount, createAccount } from '../../api/services/auth/accounts.ts';
import { setScryptCost } from '../../api/services/auth/password.ts';
import { sqliteAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { findUserByEmail, listUsers } from '../../db/queries/users.ts';
import { ROLES } from '../../indicators/index.ts';
import type { Role } from '../../indicators/index.ts';
import { stringOption, UsageError, type ParsedArgs } from '../args.ts';
import { cliActor } from '../db.ts';
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

async function run(args: ParsedArgs, io: CommandIo): Promise<number> {
  if ('password' in args.options)
    throw new UsageError(
      'never put a password on the command line (shell history, ps): set VIGIL_PASSWORD or pipe it on stdin',
    );
  const sub = args.positionals[0];
  const env = parseEnv(io.env);
  setScryptCost(env.VIGIL_SCRYPT_COST);
  const db = openDb(env.VIGIL_DB);
  runMigrations(db);
  const data = sqliteAsync(db);
  const actor = cliActor().name;
  const at = new Date().toISOString();
  const existing = (email: string) => {
    const u = findUserByEmail(db, email);
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
        const users = listUsers(db);
        if (!users.length) io.out('No accounts yet: create the first admin with vigil users add --admin --email …');
        for (const u of users)
          io.out(
            `${String(u.id).padStart(4)}  ${u.role.padEnd(7)}  ${u.disabledAt ? 'disabled' : 'enabled '}  ${u.email}  ${u.name === u.email ? '' : u.name}`.trimEnd(),
          );
        return 0;
      }
      case 'set-role': {
        const u = existing(emailArg(args, 3));
        const after = await changeAccount(data, u.id, { role: role(args.positionals[2]) }, actor, at);
        io.out(`${after.email} is now ${after.role}.`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const u = existing(emailArg(args));
        await changeAccount(data, u.id, { disabled: sub === 'disable' }, actor, at);
        io.out(sub === 'disable' ? `Disabled ${u.email}: sessions ended, API tokens revoked.` : `Enabled ${u.email}.`);
        return 0;
      }
      case 'passwd': {
        const u = existing(emailArg(args));
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
    db.$client.close();
  }
}

/** `vigil users …`: create the first admin and manage accounts from the server's shell. */
export const usersCommand: Command = {
  name: 'users',
  summary: 'Manage accounts: add (password from VIGIL_PASSWORD or stdin), list, set-role, disable, enable, passwd',
  usage: SUBCOMMANDS,
  flags: ['admin'],
  run,
};
