import { crc32 } from 'node:zlib';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** The `.prj` of WGS 84 longitude/latitude, as GIS programs write it. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const signedArea = (r: readonly Position[]) => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j]![0]! - r[i]![0]!) * (r[j]![1]! + r[i]![1]!);
  return s / 2;
};

/** A polygon's rings in shapefile order: outer rings clockwise, holes counter-clockwise. */
function shapefileRings(g: Polygon | MultiPolygon): Position[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((rings) =>
    rings.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return clockwise === (i === 0) ? ring : [...ring].reverse();
    }),
  );
}

/** The `.shp` bytes (shape type 5, polygon) of the features' geometries. */
function shp(geoms: (Polygon | MultiPolygon)[]): Buffer {
  const records = geoms.map((g, n) => {
    const rings = shapefileRings(g);
    const points = rings.flat();
    const size = 44 + 4 * rings.length + 16 * points.length;
    const b = Buffer.alloc(8 + size);
    b.writeInt32BE(n + 1, 0);
    b.writeInt32BE(size / 2, 4);
    b.writeInt32LE(5, 8);
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      b.writeDoubleLE(v, 12 + 8 * i),
    );
    b.writeInt32LE(rings.length, 44);
    b.writeInt32LE(points.length, 48);
    let at = 52;
    let start = 0;
    for (const r of rings) {
      b.writeInt32LE(start, at);
      at += 4;
      start += r.length;
    }
    for (const p of points) {
      b.writeDoubleLE(p[0]!, at);
      b.writeDoubleLE(p[1]!, at + 8);
      at += 16;
    }
    return b;
  });
  const header = Buffer.alloc(100);
  const total = 100 + records.reduce((s, r) => s + r.length, 0);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(total / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  const all = geoms.flatMap((g) => shapefileRings(g).flat());
  const xs = all.map((p) => p[0]!);
  const ys = all.map((p) => p[1]!);
  [
    xs.reduce((a, b) => Math.min(a, b)),
    ys.reduce((a, b) => Math.min(a, b)),
    xs.reduce((a, b) => Math.max(a, b)),
    ys.reduce((a, b) => Math.max(a, b)),
  ].forEach((v, i) => header.writeDoubleLE(v, 36 + 8 * i));
  return Buffer.concat([header, ...records]);
}

/** The `.dbf` bytes (dBASE III, character fields in UTF-8, see the `.cpg`) of the features' properties. */
function dbf(rows: Record<string, unknown>[]): Buffer {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = rows.map((r) => fields.map((f) => Buffer.from(r[f] == null ? '' : String(r[f]), 'utf8')));
  const widths = fields.map((_, i) => Math.min(254, Math.max(1, ...text.map((t) => t[i]!.length))));
  const headerSize = 32 + 32 * fields.length + 1;
  const recordSize = 1 + widths.reduce((a, b) => a + b, 0);
  const b = Buffer.alloc(headerSize + recordSize * rows.length + 1, 0x20);
  b.fill(0, 0, headerSize);
  b.writeUInt8(3, 0);
  b.writeUInt8(126, 1);
  b.writeUInt8(1, 2);
  b.writeUInt8(1, 3);
  b.writeUInt32LE(rows.length, 4);
  b.writeUInt16LE(headerSize, 8);
  b.writeUInt16LE(recordSize, 10);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    b.write(f.slice(0, 10), at, 'latin1');
    b.write('C', at + 11, 'latin1');
    b.writeUInt8(widths[i]!, at + 16);
  });
  b.writeUInt8(0x0d, headerSize - 1);
  text.forEach((cells, r) => {
    let at = headerSize + r * recordSize + 1;
    cells.forEach((c, i) => {
      c.copy(b, at, 0, widths[i]);
      at += widths[i]!;
    });
  });
  b.writeUInt8(0x1a, b.length - 1);
  return b;
}

/** A zip archive of the files, stored without compression (enough for a reader's tests). */
export function zip(files: Record<string, Uint8Array | string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/**
 * A zipped ESRI Shapefile (`.shp`, `.dbf`, `.cpg`, and a `.prj` unless `prj` is null) of polygon
 * features, as a COD-AB download comes. Only what a reader's tests need: polygon shapes, character
 * attributes; no `.shx` (readers rebuild it from the `.shp`).
 */
export function shapefileZip(
  collection: FeatureCollection<Polygon | MultiPolygon>,
  opts: { name?: string; prj?: string | null } = {},
): Buffer {
  const name = opts.name ?? 'adm2';
  const files: Record<string, Uint8Array | string> = {
    [`${name}.shp`]: shp(collection.features.map((f) => f.geometry)),
    [`${name}.dbf`]: dbf(collection.features.map((f) => (f.properties ?? {}) as Record<string, unknown>)),
    [`${name}.cpg`]: 'UTF-8',
  };
  const prj = opts.prj === undefined ? WGS84_PRJ : opts.prj;
  if (prj !== null) files[`${name}.prj`] = prj;
  return zip(files);
}
