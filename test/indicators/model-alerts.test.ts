import { describe, expect, it } from 'vitest';
import type { ModelObservation } from '../../indicators/types.ts';
import { newDirectSignals, scoreAlerts, type AlertScore } from '../../indicators/model/alerts.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { createCatalogue, createIndicator } from '../fixtures/catalogue.ts';

const row = (region: string, period: string, score: number | null, cls: string, level = 1): AlertScore => ({
  region,
  level,
  period,
  score,
  class: cls,
});

describe('alert rules', () => {
  it('raises a class crossing only upward and only to at least medium', () => {
    const alerts = scoreAlerts({
      period: '2016-07',
      lens: 'tip',
      config: MODEL_CONFIG,
      scores: [
        row('UP', '2016-06', 5.5, 'medium'),
        row('UP', '2016-07', 6.5, 'high'),
        row('DOWN', '2016-06', 6.5, 'high'),
        row('DOWN', '2016-07', 5.5, 'medium'),
        row('LOW', '2016-06', 1, 'very-low'),
        row('LOW', '2016-07', 2.5, 'low'),
        row('NEW', '2016-07', 9, 'very-high'),
        row('THIN', '2016-07', 9, 'insufficient-data'),
      ],
    });
    expect(alerts.map((a) => [a.region, a.kind])).toEqual([
      ['NEW', 'class-up'],
      ['UP', 'class-up'],
    ]);
    expect(alerts[1]!.reason).toBe('Moved up from medium to high risk (5.5 → 6.5).');
    expect(alerts[1]!.previousScore).toBe(5.5);
    expect(alerts[0]!.reason).toContain('no class the month before');
  });

  it('calls a sharp rise against the region’s own trailing mean, with enough history', () => {
    const history = ['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06'];
    const scores = [
      ...history.map((p) => row('RISE', p, 6, 'high')),
      row('RISE', '2016-07', 8.5, 'very-high'),
      ...history.map((p) => row('SLOW', p, 6, 'high')),
      row('SLOW', '2016-07', 7.9, 'high'),
      row('SHORT', '2016-06', 4, 'medium'),
      row('SHORT', '2016-07', 9, 'very-high'),
    ];
    const alerts = scoreAlerts({ period: '2016-07', lens: 'tip', scores, config: MODEL_CONFIG });
    const sharp = alerts.filter((a) => a.kind === 'sharp-rise');
    expect(sharp.map((a) => a.region)).toEqual(['RISE']);
    expect(sharp[0]!.baseline).toBe(6);
    expect(sharp[0]!.reason).toBe('Rose 2.5 points above its own 6-month average (6.0 → 8.5).');
  });

  it('flags new direct indicators, not repeats, not indirect ones, not inherited ones', () => {
    const catalogue = createCatalogue([
      createIndicator({ id: 'tip.markets', label: 'People sold at markets', weight: 2 }),
      createIndicator({
        id: 'tip.count',
        label: 'Children in attacks',
        measurement: { kind: 'count', saturation: 100, unit: 'children' },
      }),
      createIndicator({ id: 'tip.context', relevance: 'indirect' }),
    ]);
    const lens = prepareLens(catalogue, 'tip', {}, MODEL_CONFIG);
    const o = (
      id: number,
      regionCode: string,
      indicatorId: string,
      period: string,
      value: number,
      inherited = false,
    ): ModelObservation => ({
      id,
      regionCode,
      indicatorId,
      period,
      value,
      confidence: 'high',
      source: `cite:${id % 2}`,
      inherited,
    });
    const obs = [
      o(1, 'AA-1', 'tip.markets', '2016-07', 4),
      o(2, 'AA-1', 'tip.count', '2016-07', 3),
      o(3, 'BB-1', 'tip.markets', '2016-07', 4),
      o(4, 'BB-1', 'tip.markets', '2016-04', 3),
      o(5, 'CC-1', 'tip.context', '2016-07', 4),
      o(6, 'DD-1', 'tip.markets', '2016-07', 4, true),
      o(7, 'EE-1', 'tip.markets', '2016-07', 0),
    ];
    const signals = newDirectSignals(obs, '2016-07', lens, new Map());
    expect(signals.map((s) => s.region)).toEqual(['AA-1']);
    expect(signals[0]!.indicators.map((i) => i.display)).toEqual(['<5 children', 'severity 4 of 4']);
    const alerts = scoreAlerts({
      period: '2016-07',
      lens: 'tip',
      scores: [row('AA-1', '2016-07', 7, 'high')],
      signals,
      config: MODEL_CONFIG,
    });
    const fresh = alerts.find((a) => a.kind === 'new-direct-indicator')!;
    expect(fresh.reason).toBe(
      'New direct sign of trafficking: children in attacks (<5 children) and 1 more direct sign.',
    );
    expect(fresh.score).toBe(7);
  });
});
