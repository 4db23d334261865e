import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Milliseconds a test file takes per byte of its source, by folder: a browser or bench test drives
 * other processes for far longer than its size says. Rough figures from the CI runs' reports; only
 * their order matters.
 */
const MS_PER_BYTE: [RegExp, number][] = [
  [/^test\/bench\//, 40],
  [/^test\/browser\//, 5],
  [/^test\/reliability\//, 4],
  [/^test\/cli\//, 3],
  [/^test\/api\//, 1.5],
];

/**
 * Longest first, so that two workers finish together: with vitest's default order a fresh clone
 * (no results cache) runs the largest files first, which put the 3-minute benchmark check, a small
 * file, at the very end with one worker idle. A file's duration from the last run is used when the
 * cache has it; otherwise an estimate from its folder and size.
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const estimate = (spec: TestSpecification) => {
      const path = relative(root, spec.moduleId);
      const known = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
      if (known) return known;
      const perByte = MS_PER_BYTE.find(([re]) => re.test(path))?.[1] ?? 0.3;
      return statSync(spec.moduleId).size * perByte;
    };
    const ms = new Map(files.map((f) => [f, estimate(f)]));
    return [...files].sort((a, b) => ms.get(b)! - ms.get(a)!);
  }
}
