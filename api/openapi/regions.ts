import { z } from 'zod';
import type { ResourceDoc } from './route-doc.ts';

const RegionRef = z
  .object({
    code: z.string().meta({ examples: ['IRQ'] }),
    name: z.string().meta({ examples: ['Iraq'] }),
    level: z.number().int(),
  })
  .meta({ id: 'RegionRef' });

const Region = z
  .object({
    code: z.string().meta({
      examples: ['IQ-NI'],
      description: 'ISO 3166-1 alpha-3 (countries), ISO 3166-2, Natural Earth or p-code',
    }),
    name: z.string().meta({ examples: ['Nineveh'] }),
    level: z.number().int().meta({ description: '0 country, 1 first-level region, 2 district (user boundary sets)' }),
    parent: z
      .string()
      .nullable()
      .meta({ description: 'The country of a first-level region, the first-level region of a district' }),
    kind: z
      .string()
      .nullable()
      .meta({ examples: ['Province'] }),
    retiredAt: z.string().nullable().meta({
      description:
        'From when a newer version of its boundary set dropped the code (that version’s validity date, YYYY-MM-DD), else null; its observations stay readable, and it is scored for the months that start before that date',
    }),
    retiredSpans: z.array(z.object({ from: z.string(), until: z.string() })).meta({
      description:
        'Earlier retirements a later version ended by bringing the code back: from the validity date of the version that dropped it to that of the version that restored it (YYYY-MM-DD), oldest first. It is not scored in the months starting in between',
    }),
  })
  .meta({ id: 'Region' });

/** Regions, their profiles, and the geometry the map draws. */
export const regionsDoc: ResourceDoc = {
  name: 'Regions and map',
  description:
    'Countries and first-level regions with their codes, a region’s profile (country, regions, neighbours), and the boundaries and style the map draws, all served locally.',
  routes: [
    {
      method: 'get',
      path: '/api/regions',
      summary: 'Regions: code, name, level, parent',
      params: {
        level: '0 countries, 1 first-level regions, 2 districts (from user boundary sets); default all',
        parent:
          'Only the regions under this one: a country’s first-level regions, a first-level region’s districts (with level=2, a country’s districts)',
      },
      responses: { 200: { description: 'Regions', shape: z.array(Region) } },
      example: '/api/regions?level=1&parent=IRQ',
    },
    {
      method: 'post',
      path: '/api/region-aliases',
      summary: 'Teach another name or p-code of a region',
      description:
        'For a suggestion of an import’s dry run a person confirmed, or a p-code from a COD-AB table: later imports match it. Audited. A name that already matches another region of the same country is refused.',
      responses: {
        201: {
          description: 'Added',
          shape: z.object({
            alias: z.string(),
            kind: z.enum(['name', 'pcode']),
            region: z.string(),
            added: z.boolean(),
          }),
        },
        200: {
          description: 'Already known: nothing changed',
          shape: z.object({
            alias: z.string(),
            kind: z.enum(['name', 'pcode']),
            region: z.string(),
            added: z.boolean(),
          }),
        },
      },
      errors: { 404: 'No such region', 409: 'The name already matches another region' },
    },
    {
      method: 'get',
      path: '/api/regions/:code',
      summary: 'One region’s profile',
      description:
        'Its parent country, its first-level regions (for a country) and its neighbours (regions of the same level sharing a border).',
      responses: {
        200: {
          description: 'The profile',
          shape: z.object({
            code: z.string(),
            name: z.string(),
            level: z.number().int(),
            kind: z.string().nullable(),
            parent: RegionRef.nullable(),
            children: z.array(RegionRef),
            neighbours: z.array(RegionRef),
          }),
        },
      },
      errors: { 404: 'No such region' },
      example: '/api/regions/IQ-NI',
    },
    {
      method: 'get',
      path: '/api/boundaries/:level',
      summary: 'Boundaries of a level as TopoJSON',
      description:
        'The boundary sets in force (Natural Earth unless replaced; at level 2 every country’s districts, in one topology); every feature carries the region `code` the scores use. With `month`, the sets valid that month: each series’ version by its validity date, so a district a later version retired is still there for the months before. ETag (answer 304 to If-None-Match) and gzip.',
      params: {
        level: '0 countries, 1 first-level regions, 2 districts (the user boundary sets)',
        month: 'Month YYYY-MM whose boundaries to give; default: the sets in force now',
      },
      responses: {
        200: {
          description: 'A TopoJSON Topology',
          shape: z.object({
            type: z.literal('Topology'),
            objects: z.record(z.string(), z.unknown()),
            arcs: z.array(z.unknown()),
          }),
        },
        304: { description: 'Not modified (If-None-Match matched the ETag)' },
      },
      errors: { 404: 'No boundary set of this level' },
      example: '/api/boundaries/0',
    },
    {
      method: 'get',
      path: '/api/tiles/:level/:z/:x/:y',
      summary: 'Boundaries of a level as vector tiles',
      description:
        'The boundary sets in force (with `month`, those valid that month, as for `/api/boundaries/{level}`) cut by Vigil into Mapbox Vector Tiles (protobuf), simplified per zoom, zooms 0 to 8 (deeper zooms reuse zoom 8). One layer, `regions`: one feature per region, a numeric `id` stable within the set version and the region `code` and `name` as properties. An empty body is a tile no region reaches. ETag per tile and set version (answer 304 to If-None-Match) and gzip.',
      params: {
        level: '0 countries, 1 first-level regions, 2 districts',
        month: 'Month YYYY-MM whose boundaries to draw; default: the sets in force now',
        z: 'Zoom, 0 to 8',
        x: 'Column, 0 to 2^z − 1',
        y: 'Row, 0 to 2^z − 1, followed by `.pbf`',
      },
      responses: {
        200: { description: 'A Mapbox Vector Tile', contentType: 'application/vnd.mapbox-vector-tile' },
        304: { description: 'Not modified (If-None-Match matched the ETag)' },
      },
      errors: { 404: 'No boundary set of this level' },
      example: '/api/tiles/1/2/2/1.pbf',
    },
    {
      method: 'get',
      path: '/api/map/style.json',
      summary: 'The map style (MapLibre), local only',
      description:
        'A background-only style: every layer is added from Vigil’s own data, so no tile, glyph or sprite server is needed.',
      responses: {
        200: {
          description: 'A MapLibre style',
          shape: z.object({
            version: z.literal(8),
            name: z.string(),
            sources: z.record(z.string(), z.unknown()),
            layers: z.array(z.object({ id: z.string(), type: z.string() })),
          }),
        },
      },
      example: '/api/map/style.json',
    },
  ],
};
