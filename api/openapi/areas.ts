import { z } from 'zod';
import { HEAVY_READ_429, HEAVY_READ_NOTE, type ResourceDoc } from './route-doc.ts';

const Share = z.number().meta({ description: 'A part of the area, 0–1' });

const AreaProfileShape = z
  .object({
    area: z.object({
      name: z.string(),
      kind: z.enum(['polygon', 'regions']),
      level: z.number().int(),
      from: z.string(),
      to: z.string(),
      lens: z.string(),
      scenario: z.string(),
      areaKm2: z.number(),
      outsideShare: Share.meta({ description: 'Part of a drawn area in no region of the level (sea, unmapped land)' }),
      vertices: z.number().int(),
      repaired: z
        .string()
        .nullable()
        .meta({ description: 'Why the geometry was repaired (a ring crossing itself), or null' }),
      withoutBoundary: z
        .array(z.string())
        .meta({ description: 'Listed regions with no boundary in the active set (no area share)' }),
    }),
    regions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.number().int(),
        parent: z.object({ code: z.string(), name: z.string() }).nullable(),
        retiredAt: z.string().nullable(),
        areaKm2: z.number(),
        share: Share.meta({ description: 'Its part of the area’s regions (the shares sum to 1)' }),
        regionShare: z.number().meta({ description: 'The part of the region inside the area' }),
        latest: z.object({
          score: z.number().nullable(),
          class: z.string(),
          coverage: z.number(),
          confidence: z.string().nullable(),
          basis: z.enum(['own', 'country', 'none']),
          conditionsOnly: z.boolean(),
          sources: z.number().int(),
        }),
        classes: z.array(z.object({ period: z.string(), class: z.string(), score: z.number().nullable() })),
      }),
    ),
    classesByMonth: z.array(z.object({ period: z.string(), shares: z.record(z.string(), Share) })),
    forms: z.array(z.object({ form: z.string(), label: z.string(), share: Share })),
    formsBasisShare: Share.meta({ description: 'Part of the area whose regions have a form profile' }),
    drivers: z.array(
      z.object({
        indicatorId: z.string(),
        label: z.string(),
        framework: z.string(),
        relevance: z.string(),
        points: z.number().meta({ description: 'Points added, weighted by area share' }),
        maxPoints: z.number(),
        value: z
          .string()
          .meta({ description: 'Observed value where it weighs most (counts of people below 5 as “<5”)' }),
        strongestIn: z.string(),
        observedPeriod: z.string().nullable(),
        regions: z.array(z.string()),
        share: Share,
        inherited: z.boolean(),
        sources: z.array(z.string()),
      }),
    ),
    coverage: z.object({
      coverage: z.number(),
      regionsWithEvidence: z.number().int(),
      regions: z.number().int(),
      shareWithEvidence: Share,
      shareClassed: Share,
    }),
    dataGaps: z.object({
      riskFactors: z.array(
        z.object({ group: z.string(), label: z.string(), observedShare: Share, missingIn: z.array(z.string()) }),
      ),
      dated: z.array(
        z.object({
          region: z.string(),
          label: z.string(),
          observedPeriod: z.string().nullable(),
          ageMonths: z.number().nullable(),
        }),
      ),
      countryOnly: z.array(z.string()),
      noEvidence: z.array(z.string()),
    }),
    monitoringGaps: z.array(
      z.object({
        kind: z.enum(['no-evidence', 'country-only', 'risk-factor', 'no-direct-sign', 'single-source', 'dated']),
        text: z.string(),
        regions: z.array(z.string()),
        share: Share,
      }),
    ),
    sources: z.array(z.object({ citation: z.string(), locators: z.array(z.string()) })),
    metadata: z.looseObject({ title: z.string(), subtitle: z.string() }).meta({
      description: 'The export metadata of the range’s last month (sources, credits, disclaimer), titled for the area',
    }),
  })
  .meta({ id: 'AreaProfile' });

const SavedArea = z
  .object({
    id: z.number().int(),
    name: z.string(),
    geometry: z
      .unknown()
      .optional()
      .meta({ description: 'The drawn or uploaded polygon (GeoJSON), for a polygon area' }),
    regions: z.array(z.string()).optional().meta({ description: 'Region codes, for an area made of regions' }),
    level: z.number().int().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    lens: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'SavedArea', description: 'What to send POST /api/areas/profile to reopen the area, with its name' });

/** Areas of interest: a planned footprint's profile (issue 17, item 5). */
export const areasDoc: ResourceDoc = {
  name: 'Areas of interest',
  description:
    'A mission planner’s footprint, a few regions or a drawn polygon, profiled as one area: which regions it covers and how much of it each is, their classes over a range of months, and what the evidence says across it.',
  routes: [
    {
      method: 'post',
      path: '/api/areas/profile',
      summary: 'Profile an area of interest (a GeoJSON polygon, or region codes) over a month range',
      description: `The regions of the level inside the area with their area shares (intersections on the sphere; slivers under 0.1% left out), each region’s class month by month, the area’s class shares per month, and at the last month the combined exploitation-form profile (each region’s form shares weighted by area), the drivers with their sources, coverage, data gaps and the monitoring gaps to close at deployment. Observed values are the public ones: counts of people below 5 read “<5”. Writes nothing, so anyone may call it while public read is on, though it is a POST. A geometry that is not a polygon, not WGS 84 longitude/latitude (a \`crs\` naming another system, or a coordinate outside ±180/±90), a ring open or too short, or more than 20,000 vertices is a 400 naming the field; an area covering no region is a 422. ${HEAVY_READ_NOTE}`,
      responses: { 200: { description: 'The area profile', shape: AreaProfileShape } },
      errors: {
        404: 'Nothing is scored yet',
        422: 'The area covers no region of the level (`geometry`)',
        ...HEAVY_READ_429,
      },
    },
    {
      method: 'post',
      path: '/api/areas/read',
      summary: 'Read an uploaded area file (GeoJSON, TopoJSON or a zipped Shapefile) as the profile’s geometry',
      description:
        'The area page’s upload: the file is read as the Admin upload reads boundary sets (the same reader and the same refusals), and every polygon in it comes back as one MultiPolygon to send as `geometry` to POST /api/areas/profile. Writes nothing, so anyone may call it while public read is on. A file that is neither a zipped Shapefile nor JSON, or an area the profile refuses (more than 20,000 vertices, coordinates out of range), is a 400 naming the field; up to 20 MB (413 above).',
      body: {
        description: 'The file as the body, or a multipart upload with a `file` field',
        contentTypes: ['application/geo+json', 'application/json', 'application/zip', 'multipart/form-data'],
      },
      responses: {
        200: {
          description: 'The area',
          shape: z.object({
            name: z.string().meta({ description: 'The file name without its extension ("area" for a raw body)' }),
            format: z.enum(['geojson', 'topojson', 'shapefile']),
            features: z.number().int(),
            geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.unknown()) }),
          }),
        },
      },
      errors: {
        422: 'No polygon in the file (`no_polygons`), or not in WGS 84 longitude/latitude (`not_wgs84`), naming why',
      },
    },
    {
      method: 'get',
      path: '/api/areas',
      summary: 'The caller’s saved areas, newest first',
      responses: { 200: { description: 'Saved areas', shape: z.array(SavedArea) } },
      example: '/api/areas',
    },
    {
      method: 'post',
      path: '/api/areas',
      summary: 'Save an area with the account, to reopen it later',
      description:
        'The same area and range as POST /api/areas/profile takes, checked the same way (a bad geometry or unknown region is a 400 naming the field), with a name. Audited. At most 200 per account (409 beyond).',
      responses: { 201: { description: 'The saved area', shape: SavedArea } },
      errors: { 409: 'The account keeps 200 areas already' },
    },
    {
      method: 'delete',
      path: '/api/areas/:id',
      summary: 'Delete one of the caller’s saved areas',
      responses: {
        200: { description: 'Deleted', shape: z.object({ id: z.number().int(), deleted: z.literal(true) }) },
      },
      errors: { 404: 'No such area of the caller' },
    },
  ],
};
