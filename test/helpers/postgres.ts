import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../db/client.ts';
import { openPg } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import { seededDbCopy } from './seeded-db.ts';

/** A private PostgreSQL server for one test file, on a random port, with one fresh database. */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/vigil`: the fresh database. */
  url: string;
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server once every connection has closed (smart shutdown: a fast one could reach a
   * backend before the Terminate of a pool just ended, whose client would then throw), and deletes
   * its folder. A pool left open keeps it waiting: end pools first.
   */
  stop(): Promise<void>;
  /**
   * Stops the server as `pg_ctl stop -m fast` does (SIGINT: open transactions rolled back, every
   * connection ended with 57P01 admin_shutdown), keeping its folder; resolves once it has exited.
   */
  shutDownFast(): Promise<void>;
  /** Starts it again on the same folder and port after {@link shutDownFast}; resolves once it accepts connections. */
  startAgain(): Promise<void>;
}

/** The newest PostgreSQL (15 or later) installed the Debian way, or `VIGIL_PG_BIN`. */
function serverBin(): string {
  if (process.env.VIGIL_PG_BIN) return process.env.VIGIL_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((v) => v >= 15)
    : [];
  if (versions.length === 0)
    throw new Error(
      'no PostgreSQL 15+ server in /usr/lib/postgresql: apt-get install -y postgresql (or set VIGIL_PG_BIN)',
    );
  return join(root, String(Math.max(...versions)), 'bin');
}

/**
 * initdb and postgres refuse to run as root (CI runs as root): there they run as the `postgres` user,
 * as `runuser -u postgres` would, but through spawn's uid/gid so that no process stands between the
 * test and the server and a stop signal reaches the server itself.
 */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch (e) {
    throw new Error(
      `as root, PostgreSQL runs as the postgres user, which is missing (apt-get install -y postgresql): ${e}`,
    );
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));
}

async function run(file: string, args: string[], as: SpawnOptions): Promise<void> {
  const child = spawn(file, args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const code = await exitOf(child);
  if (code !== 0) throw new Error(`${file} exited with ${code}:\n${output}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts postgres on `port`; resolves once it accepts connections, rejects with its log if it exits first. */
async function startOn(bin: string, data: string, socketDir: string, port: number, as: SpawnOptions, durable: boolean) {
  // Sockets in the private folder only. Test settings: no fsync (the folder is thrown away); `durable`
  // keeps PostgreSQL's own defaults, for the benchmark's figures to compare with SQLite's durable commits.
  const args = ['-D', data, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1'];
  if (!durable) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(join(bin, 'postgres'), args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`postgres exited with ${code}:\n${log}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

/**
 * initdb into a temp folder (UTF-8, C collation: text sorts by bytes as in SQLite), start the server on
 * a random local port (another port if that one was taken meanwhile), create the database `vigil`.
 * Call `stop()` in afterAll; the server is killed and its folder deleted at exit if a test forgot.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const durable = opts.durable ?? false;
  const bin = serverBin();
  const as: SpawnOptions = postgresUser() ?? {};
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-'));
  if (as.uid !== undefined) chownSync(dir, as.uid, as.gid!);
  const data = join(dir, 'data');
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N'], as);
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await startOn(bin, data, dir, port, as, durable);
    } catch (e) {
      if (attempt >= 5 || !/could not (bind|create listen)/i.test(String(e))) throw e;
    }
  }
  let server = child;
  const cleanUp = () => {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const urlOf = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const createDatabase = async (name: string) => {
    const admin = new pg.Client({ connectionString: urlOf('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    return urlOf(name);
  };
  return {
    url: await createDatabase('vigil'),
    createDatabase,
    shutDownFast: async () => {
      server.kill('SIGINT');
      await exitOf(server);
    },
    startAgain: async () => {
      server = await startOn(bin, data, dir, port, as, durable);
    },
    stop: async () => {
      process.off('exit', cleanUp);
      server.kill('SIGTERM');
      await exitOf(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh copy of the seeded SQLite database, copied into the PostgreSQL database at `url` (as `vigil
 * migrate-db` does, without its answer comparison); returns the SQLite copy's path.
 * @example source = await seededCopyInPg(server.url);
 */
export async function seededCopyInPg(url: string): Promise<string> {
  const source = seededDbCopy();
  const sqlite = openDb(source, { readonly: true });
  const target = openPg(url);
  try {
    await copySqliteToPg(sqlite, target);
  } finally {
    sqlite.$client.close();
    await target.$client.end();
  }
  return source;
}
