import { Hono } from 'hono';
import { z } from 'zod';
import type { Topology } from 'topojson-specification';
import type { AsyncDb } from '../../db/async.ts';
import { activeBoundariesAsync, regionsAsync } from '../../db/queries/regions.ts';
import { auditAsync } from '../../db/queries/audit.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { ApiError, notFound } from '../errors.ts';
import { requireRole, type AuthEnv } from '../middleware/auth.ts';
import { regionMatcherAsync } from '../services/imports/region-matcher.ts';
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
 * `POST /api/region-aliases` (analyst): a name or p-code for a region, refused (409) when it already names
 * another; added with its audit entry in one transaction. Everything goes through `data` (either engine).
 */
export function regionRoutes(data: AsyncDb) {
  const cache = new Map<number, { id: string; index: Promise<NeighbourIndex> }>();
  // Districts come in one boundary set per country: a district's neighbours are those of its own set.
  const neighboursOf = async (level: number, code: string): Promise<readonly string[]> => {
    const id = await activeBoundariesAsync.versions(data, level);
    if (!id) return [];
    let hit = cache.get(level);
    if (hit?.id !== id) {
      const index = activeBoundariesAsync.topologies(data, level).then((sets) => {
        const index = new Map<string, readonly string[]>();
        for (const set of sets) for (const [c, near] of neighbourIndex(JSON.parse(set) as Topology)) index.set(c, near);
        return index;
      });
      hit = { id, index };
      cache.set(level, hit);
      index.catch(() => cache.get(level) === hit && cache.delete(level));
    }
    return (await hit.index).get(code) ?? [];
  };
  const brief = ({ code, name, level }: { code: string; name: string; level: number }) => ({ code, name, level });

  return new Hono<AuthEnv>()
    .get('/regions', validate('query', RegionsQuery), async (c) => {
      const { level, parent } = c.req.valid('query');
      // Districts of a country: their parents are its first-level regions.
      const ofCountry = level === 2 && parent !== undefined && (await regionsAsync.get(data, parent))?.level === 0;
      return c.json(
        (await regionsAsync.list(data, ofCountry ? { level, within: parent } : { level, parent })).map(
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
      async (c) => {
        const region = await regionsAsync.get(data, c.req.valid('param').code);
        if (!region) throw notFound(`Region ${c.req.valid('param').code}`);
        const lang = responseLang(c, c.req.valid('query').lang);
        const [parent, children, near] = await Promise.all([
          region.parent ? regionsAsync.get(data, region.parent) : undefined,
          region.level < 2 ? regionsAsync.list(data, { level: region.level + 1, parent: region.code }) : [],
          neighboursOf(region.level, region.code),
        ]);
        const known = new Map((await regionsAsync.byCodes(data, near)).map((r) => [r.code, r]));
        return c.json({
          code: region.code,
          name: region.name,
          level: region.level,
          kind: regionKind(lang, region.kind, region.level),
          parent: parent ? brief(parent) : null,
          children: children.map(brief),
          neighbours: near.flatMap((code) => {
            const r = known.get(code);
            return r ? [brief(r)] : [];
          }),
        });
      },
    )
    .post('/region-aliases', requireRole('analyst'), validate('json', AliasBody), async (c) => {
      const { alias, region: code, kind } = c.req.valid('json');
      const region = await regionsAsync.get(data, code);
      if (!region) throw notFound(`Region ${code}`);
      const matcher = await regionMatcherAsync(data);
      // A district's parent is its first-level region: the matcher knows the country above both.
      const now = matcher.match(alias, matcher.countryOf(region.code) ?? region.code);
      if (!now.ok && now.reason === 'ambiguous')
        throw new ApiError(409, 'conflict', `'${alias}' already names several regions (${now.candidates!.join(', ')})`);
      if (now.ok && now.code !== region.code)
        throw new ApiError(409, 'conflict', `'${alias}' already names ${now.code}; it cannot also name ${region.code}`);
      const added = await inTransaction(data, async (tx) => {
        const n = await regionsAsync.addAliases(tx, [{ alias, kind, regionCode: region.code }]);
        if (n)
          await auditAsync.append(tx, {
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
