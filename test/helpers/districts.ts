import { expect } from 'vitest';
import { bundledAdmin1, generateBoundarySet, type GeneratedBoundarySet } from '../../bench/generate-boundaries.ts';
import { send, type Credentials, type Target } from './auth.ts';

/**
 * Made-up districts (3 to 4 per first-level region of Iraq and Nigeria, no flaws, parents coded as
 * Vigil codes them: IQ-NI…) from `seed`, uploaded by `admin` as a boundary set valid from 2014-01-01:
 * the set as generated and the id it was stored under.
 */
export async function uploadGeneratedDistricts(
  target: Target,
  admin: Credentials,
  seed: number,
): Promise<{ set: GeneratedBoundarySet; setId: string }> {
  const set = generateBoundarySet(bundledAdmin1(), { seed, flaws: false, parentCodes: 'vigil', districts: [3, 4] });
  const res = await send(
    target,
    '/api/boundary-sets?licence=Test%20data%2C%20made%20up&validFrom=2014-01-01&source=Generated%20districts',
    {
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(set.collection),
    },
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return { set, setId: ((await res.json()) as { setId: string }).setId };
}
