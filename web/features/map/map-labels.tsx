import type { Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import type { BoundaryProps } from '../../queries/boundaries.ts';
import type { Level } from '../../lib/view-state.ts';
import { labelPoints } from './geo.ts';

/** Pixels from a label's left edge to the centre of its rank badge, which sits on the region. */
const ANCHOR = 10;

/** A text label pinned to a region (HTML over the map: no glyph server needed). */
export interface MapLabel {
  code: string;
  level: Level;
  text: string;
  /** Small text under the name, e.g. the score. */
  detail?: string;
  /** Rank badge for hotspots. */
  rank?: number;
  kind: 'hotspot' | 'selected';
}

/**
 * HTML labels positioned over the map with `map.project`, re-placed on every move (throttled to one
 * per animation frame). Labels outside the view are not drawn.
 */
export function MapLabels({
  map,
  labels,
  boundaries,
}: {
  map: MlMap;
  labels: readonly MapLabel[];
  boundaries: Record<Level, FeatureCollection<Geometry, BoundaryProps> | undefined>;
}) {
  const [, setFrame] = useState(0);
  const points = useMemo(
    () => ({
      0: boundaries[0] ? labelPoints(boundaries[0]) : null,
      1: boundaries[1] ? labelPoints(boundaries[1]) : null,
    }),
    [boundaries],
  );

  useEffect(() => {
    let raf = 0;
    const onMove = () => {
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        setFrame((n) => n + 1);
      });
    };
    map.on('move', onMove);
    map.on('resize', onMove);
    return () => {
      map.off('move', onMove);
      map.off('resize', onMove);
      cancelAnimationFrame(raf);
    };
  }, [map]);

  const canvas = map.getCanvas();
  const placed = placeLabels(
    labels.flatMap((l) => {
      const at = points[l.level]?.get(l.code);
      if (!at) return [];
      const p = map.project(at);
      return p.x < -40 || p.y < -20 || p.x > canvas.clientWidth + 40 || p.y > canvas.clientHeight + 20
        ? []
        : [{ label: l, x: p.x, y: p.y }];
    }),
  );
  return (
    <div className="map-labels" aria-hidden="true">
      {placed.map(({ label: l, x, y, shifted }) => (
        <div
          key={`${l.kind}-${l.code}`}
          className={`map-label map-label-${l.kind}${shifted ? ' shifted' : ''}`}
          style={{ transform: `translate(${Math.round(x) - ANCHOR}px, ${Math.round(y)}px) translate(0, -50%)` }}
        >
          {l.rank !== undefined ? <span className="rank">{l.rank}</span> : <span className="pin" />}
          <span className="name">{l.text}</span>
          {l.detail && <span className="detail">{l.detail}</span>}
        </div>
      ))}
    </div>
  );
}

/** Greedy de-overlap: each label (in the given order) moves down, then up, until it clears those placed before it. */
export function placeLabels<T extends { label: MapLabel; x: number; y: number }>(
  items: readonly T[],
): (T & { shifted: boolean })[] {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: (T & { shifted: boolean })[] = [];
  for (const it of items) {
    const width = 26 + 6.5 * (it.label.text.length + (it.label.detail?.length ?? 0));
    const box = (y: number) => ({ x0: it.x - ANCHOR, x1: it.x - ANCHOR + width, y0: y - 11, y1: y + 11 });
    const clear = (b: ReturnType<typeof box>) =>
      boxes.every((o) => b.x1 < o.x0 || b.x0 > o.x1 || b.y1 < o.y0 || b.y0 > o.y1);
    let y = it.y;
    for (const dy of [0, 24, -24, 48, -48, 72]) {
      if (clear(box(it.y + dy))) {
        y = it.y + dy;
        break;
      }
    }
    boxes.push(box(y));
    out.push({ ...it, y, shifted: y !== it.y });
  }
  return out;
}
