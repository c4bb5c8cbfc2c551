import { describe, expect, it } from 'vitest';
import { clusterWeights, percentToWeights } from './weights.ts';

/** A tiny seeded PRNG (mulberry32), so the property tests are repeatable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sum = (w: Record<string, number>) => Object.values(w).reduce((s, x) => s + x, 0);

describe('percentToWeights', () => {
  it.each([
    [
      { blue: 100, green: 0 },
      { blue: 100, green: 0 },
    ],
    [
      { blue: 0, green: 100 },
      { blue: 0, green: 100 },
    ],
    [
      { blue: 90, green: 10 },
      { blue: 90, green: 10 },
    ],
    [
      { blue: 75, green: 25 },
      { blue: 75, green: 25 },
    ],
    [
      { a: 100 / 3, b: 100 / 3, c: 100 / 3 },
      { a: 34, b: 33, c: 33 },
    ],
    [
      { a: 33, b: 33, c: 34 },
      { a: 33, b: 33, c: 34 },
    ],
    [
      { blue: 9, green: 1 },
      { blue: 90, green: 10 },
    ],
  ])('%j → %j', (percent, weights) => {
    expect(percentToWeights(percent)).toEqual(weights);
  });

  it('never rounds a non-zero share to zero', () => {
    expect(percentToWeights({ blue: 99.6, green: 0.4 })).toEqual({ blue: 99, green: 1 });
    expect(percentToWeights({ a: 0.1, b: 0.1, c: 99.8 })).toEqual({ a: 1, b: 1, c: 98 });
  });

  it('scales to other totals within the Lattice range', () => {
    expect(percentToWeights({ blue: 90, green: 10 }, 999)).toEqual({ blue: 899, green: 100 });
  });

  it('refuses all-zero, negative or non-finite shares', () => {
    expect(() => percentToWeights({ blue: 0, green: 0 })).toThrow(/greater than zero/);
    expect(() => percentToWeights({})).toThrow(/greater than zero/);
    expect(() => percentToWeights({ blue: -1, green: 101 })).toThrow(/>= 0/);
    expect(() => percentToWeights({ blue: Number.NaN })).toThrow(/finite/);
    expect(() => percentToWeights({ blue: 1 }, 1000)).toThrow(/1 to 999/);
  });

  it('property: sums to the total, keeps every non-zero share, and is near-proportional', () => {
    const random = prng(1645);
    for (let run = 0; run < 500; run++) {
      const n = 1 + Math.floor(random() * 10);
      const percent: Record<string, number> = {};
      for (let i = 0; i < n; i++) percent[`c${i}`] = random() < 0.2 ? 0 : random() * 100;
      if (Object.values(percent).every((p) => p === 0)) percent['c0'] = 1;
      const weights = percentToWeights(percent);
      expect(sum(weights)).toBe(100);
      const total = sum(percent);
      for (const [c, p] of Object.entries(percent)) {
        const w = weights[c] ?? -1;
        if (p === 0) expect(w).toBe(0);
        else expect(w).toBeGreaterThanOrEqual(1);
        // at most one unit of rounding plus the units given to tiny shares
        expect(Math.abs(w - (p / total) * 100)).toBeLessThanOrEqual(1 + n);
      }
    }
  });
});

describe('clusterWeights', () => {
  it('is equal by default and honours weight annotations', () => {
    expect(clusterWeights({ clusters: ['green', 'blue'], annotated: {} })).toEqual({
      weights: { blue: 100, green: 100 },
      source: 'annotations',
    });
    expect(
      clusterWeights({ clusters: ['blue', 'green'], annotated: { green: 0 } }).weights,
    ).toEqual({
      blue: 100,
      green: 0,
    });
  });

  it('turns a two-cluster migration split into weights summing to 100', () => {
    const w = clusterWeights({
      clusters: ['blue', 'green'],
      annotated: { blue: 500 },
      override: { blue: 90, green: 10 },
    });
    expect(w).toEqual({ weights: { blue: 90, green: 10 }, source: 'migration' });
  });

  it("splits only the migrating clusters' share and leaves other clusters alone", () => {
    const w = clusterWeights({
      clusters: ['blue', 'green', 'red'],
      annotated: {},
      override: { blue: 90, green: 10 },
    });
    // blue+green had 200 of 300; they still have 200 (180/20), red keeps its 100.
    expect(w).toEqual({ weights: { blue: 180, green: 20, red: 100 }, source: 'migration' });
    const drained = clusterWeights({
      clusters: ['blue', 'green', 'red'],
      annotated: { blue: 0, green: 0 },
      override: { blue: 0, green: 100 },
    });
    expect(drained.weights).toEqual({ blue: 0, green: 0, red: 100 });
  });

  it('renormalises when a named cluster is gone', () => {
    expect(
      clusterWeights({ clusters: ['blue'], annotated: {}, override: { blue: 50, green: 50 } })
        .weights,
    ).toEqual({ blue: 100 });
  });

  it('falls back to the export weights instead of weighting everything 0', () => {
    const w = clusterWeights({
      clusters: ['blue'],
      annotated: {},
      override: { blue: 0, green: 100 },
    });
    expect(w.weights).toEqual({ blue: 100 });
    expect(w.source).toBe('annotations');
    expect(w.note).toMatch(
      /names blue, green, but none of them with a share > 0 serves this service/,
    );
  });
});
