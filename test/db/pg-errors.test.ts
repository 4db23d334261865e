import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../db/pg/errors.ts';
import { maskPassword } from '../../db/pg/url.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a server that is down, shutting down, starting or gone, however the driver wraps it', () => {
    const down = [
      Object.assign(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), { syscall: 'connect' }),
      Object.assign(withCode('getaddrinfo ENOTFOUND db.example.org', 'ENOTFOUND'), { syscall: 'getaddrinfo' }),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated'),
      new AggregateError(
        [Object.assign(withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), { syscall: 'connect' })],
        'connect failed',
      ),
    ];
    for (const e of down) {
      expect(isDatabaseUnavailable(e), e.message).toBe(true);
      expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], e)), e.message).toBe(true);
    }
  });

  it('leaves a wrong query, a broken constraint and anything else alone', () => {
    const wrong = [
      withCode('duplicate key value violates unique constraint "users_email_unique"', '23505'),
      withCode('syntax error at or near "selec"', '42601'),
      withCode('SQLITE_BUSY: database is locked', 'SQLITE_BUSY'),
      new Error('Internal thing went wrong'),
    ];
    for (const e of wrong) {
      expect(isDatabaseUnavailable(e), e.message).toBe(false);
      expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], e)), e.message).toBe(false);
    }
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });

  it('counts a reset or broken socket only under a failed query: elsewhere (a job child, say) it is no database', () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      const e = Object.assign(withCode(`write ${code}`, code), { syscall: 'write' });
      expect(isDatabaseUnavailable(e), code).toBe(false);
      expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], e)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('maskPassword', () => {
  it('masks the password of the URL in a message, as written and decoded', () => {
    const url = 'postgres://vigil:p%40ss%3Aword@db.example.org:5432/vigil';
    expect(maskPassword(url, 'auth failed for p@ss:word and p%40ss%3Aword')).toBe('auth failed for *** and ***');
    expect(maskPassword('postgres://vigil@db/vigil', 'nothing to hide')).toBe('nothing to hide');
    expect(maskPassword('not a url', 'kept as it is')).toBe('kept as it is');
  });
});
