import { Hono } from 'hono';
import { z } from 'zod';
import type { Topology } from 'topojson-specification';
import type { Db } from '../../db/client.ts';
import { activeBoundaryTopologies, activeBoundaryVersions, getRegion, listRegions } from '../../db/queries/regions.ts';
import { appendAudit } from '../../db/queries/audit.ts';
import { addRegionAliases } from '../../db/queries/imports.ts';
import { ApiError, notFound } from '../errors.ts';
import { requireRole, type AuthEnv } from '../middleware/auth.ts';
import { regionMatcher } from '../services/imports/region-matcher.ts';
import { AnyLevelSchema, RegionCodeSchema } from '../schemas.ts';
import { neighbourIndex, type NeighbourIndex } from '../services/scores/neighbours.ts';
import { validate } from '../validate.ts';
import { LangQuerySchema, regionKind, responseLang } from '../i18n.ts';

const RegionsQuery = z.object({ level: AnyLevelSchema.optional(), parent: RegionCodeSchema.optional() });

const AliasBody = z.strictObject({
  alias: z.string().trim().min(1, 'is empty').max(200, 'must be at most 200 characters'),
  region: RegionCodeSchema,
  kind: z.enum(['name', 'pcode']).default('name'),
});

/**
 * `GET /api/regions?level=&parent=`: regions with code, name, level, parent and, for a district a
 * newer version of its boundary set dropped, when it was retired (`level=2&parent=` takes a
 * first-level region or a country).
 * `GET /api/regions/{code}`: one region's profile: its parent, its children (a country's first-level
 * regions, a first-level region's districts) and its neighbours (regions of the same level sharing a border, computed once per
 * boundary set from the TopoJSON); its `kind` (Natural Earth's `State`, `Governorate`…) in `?lang=` (else the
 * account's language, else as the boundary file writes it).
 */
export function regionRoutes(db: Db) {
  const cache = new Map<number, { id: string; index: NeighbourIndex }>();
  // Districts come in one boundary set per country: a district's neighbours are those of its own set.
  const neighboursOf = (level: number, code: string): readonly string[] => {
    const id = activeBoundaryVersions(db, level);
    if (!id) return [];
    let hit = cache.get(level);
    if (hit?.id !== id) {
      const index = new Map<string, readonly string[]>();
      for (const set of activeBoundaryTopologies(db, level))
        for (const [c, near] of neighbourIndex(JSON.parse(set.topology) as Topology)) index.set(c, near);
      hit = { id, index };
      cache.set(level, hit);
    }
    return hit.index.get(code) ?? [];
  };
  const brief = (code: string) => {
    const r = getRegion(db, code);
    return r ? { code: r.code, name: r.name, level: r.level } : null;
  };

  return new Hono<AuthEnv>()
    .get('/regions', validate('query', RegionsQuery), (c) => {
      const { level, parent } = c.req.valid('query');
      // Districts of a country: their parents are its first-level regions.
      const ofCountry = level === 2 && parent !== undefined && getRegion(db, parent)?.level === 0;
      return c.json(
        listRegions(db, ofCountry ? { level, within: parent } : { level, parent }).map(
          ({ code, name, level, parent, kind, retiredAt, retiredSpans }) => ({
            code,
            name,
            level,
            parent,
            kind,
            retiredAt,
            retiredSpans: retiredSpans ?? [],
          }),
        ),
      );
    })
    .get(
      '/regions/:code',
      validate('param', z.object({ code: RegionCodeSchema })),
      validate('query', z.object({ lang: LangQuerySchema })),
      (c) => {
        const region = getRegion(db, c.req.valid('param').code);
        if (!region) throw notFound(`Region ${c.req.valid('param').code}`);
        const lang = responseLang(c, c.req.valid('query').lang);
        const children =
          region.level < 2
            ? listRegions(db, { level: region.level + 1, parent: region.code }).map(({ code, name, level }) => ({
                code,
                name,
                level,
              }))
            : [];
        return c.json({
          code: region.code,
          name: region.name,
          level: region.level,
          kind: regionKind(lang, region.kind, region.level),
          parent: region.parent ? brief(region.parent) : null,
          children,
          neighbours: neighboursOf(region.level, region.code)
            .map(brief)
            .filter((n): n is NonNullable<typeof n> => n !== null),
        });
      },
    )
    .post('/region-aliases', requireRole('analyst'), validate('json', AliasBody), (c) => {
      const { alias, region: code, kind } = c.req.valid('json');
      const region = getRegion(db, code);
      if (!region) throw notFound(`Region ${code}`);
      const matcher = regionMatcher(db);
      // A district's parent is its first-level region: the matcher knows the country above both.
      const now = matcher.match(alias, matcher.countryOf(region.code) ?? region.code);
      if (!now.ok && now.reason === 'ambiguous')
        throw new ApiError(409, 'conflict', `'${alias}' already names several regions (${now.candidates!.join(', ')})`);
      if (now.ok && now.code !== region.code)
        throw new ApiError(409, 'conflict', `'${alias}' already names ${now.code}; it cannot also name ${region.code}`);
      const added = db.transaction((tx) => {
        const n = addRegionAliases(tx, [{ alias, kind, regionCode: region.code }]);
        if (n)
          appendAudit(tx, {
            at: new Date().toISOString(),
            actor: c.var.actor.name,
            action: 'create',
            entity: 'region_alias',
            entityId: region.code,
            before: null,
            after: { alias, kind, region: region.code },
          });
        return n > 0;
      });
      return c.json({ alias, kind, region: region.code, added }, added ? 201 : 200);
    });
}
