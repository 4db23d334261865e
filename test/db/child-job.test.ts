import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultJobChildren, jobChildren, runJob, setJobChildren } from '../../db/child-job.ts';

const JOB = fileURLToPath(new URL('../fixtures/log-job.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vigil-jobs-'));
const GB = 1024 ** 3;
const before = jobChildren().limit;
afterAll(() => {
  setJobChildren(before);
  rmSync(dir, { recursive: true, force: true });
});

describe('job children', () => {
  it('run at most the limit at once: the others wait their turn, in order', async () => {
    setJobChildren(1);
    const log = join(dir, 'one.log');
    const jobs = ['a', 'b', 'c'].map((name) => runJob<{ ok: boolean; name: string }>(JOB, [log, name]));
    expect(jobChildren()).toEqual({ running: 1, waiting: 2, limit: 1 });
    const ends = await Promise.all(jobs);
    expect(ends.map((e) => e.outcome?.name)).toEqual(['a', 'b', 'c']);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'start a',
      'end a',
      'start b',
      'end b',
      'start c',
      'end c',
    ]);
    expect(jobChildren()).toEqual({ running: 0, waiting: 0, limit: 1 });
  }, 120_000);

  it('a raised limit lets the waiting jobs start', async () => {
    setJobChildren(1);
    const log = join(dir, 'two.log');
    const jobs = ['a', 'b', 'c'].map((name) => runJob(JOB, [log, name]));
    setJobChildren(3);
    expect(jobChildren()).toEqual({ running: 3, waiting: 0, limit: 3 });
    await Promise.all(jobs);
    expect(jobChildren().running).toBe(0);
  }, 120_000);

  it('by default, one per core while half the memory holds them', () => {
    expect(defaultJobChildren(24 * GB, 2)).toBe(2);
    expect(defaultJobChildren(64 * GB, 8)).toBe(8);
    expect(defaultJobChildren(4 * GB, 8)).toBe(2);
    expect(defaultJobChildren(1 * GB, 4)).toBe(1);
    expect(() => setJobChildren(0)).toThrow(/positive integer/);
  });
});
