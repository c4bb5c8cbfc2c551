// Traffic weights of the clusters behind a Lattice service. Lattice forwards by relative integer
// weights 0-999 per target group; Trellis speaks in per-export weights (annotation, default equal)
// or, during a ClusterMigration, in percentages. Rounding must keep the sum exact and must never
// turn a non-zero share into zero: a 0.4% canary still gets traffic.
import { DEFAULT_WEIGHT, MAX_LATTICE_WEIGHT } from './annotations.ts';

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Convert percentages (any non-negative numbers; they are normalised by their sum) into integer
 * Lattice weights summing to exactly `total` (default 100, so 10% becomes weight 10): largest
 * remainder rounding, ties to the cluster name, then every non-zero share raised to at least 1
 * (taken from the largest weight). Throws when all shares are zero: there is no split to make.
 */
export function percentToWeights(
  percentages: Readonly<Record<string, number>>,
  total = 100,
): Record<string, number> {
  const clusters = Object.keys(percentages).sort(byName);
  if (!Number.isInteger(total) || total < 1 || total > MAX_LATTICE_WEIGHT) {
    throw new RangeError(`total must be an integer from 1 to ${MAX_LATTICE_WEIGHT}`);
  }
  for (const c of clusters) {
    const p = percentages[c] ?? 0;
    if (!Number.isFinite(p) || p < 0) {
      throw new RangeError(`percentage for ${c} must be a finite number >= 0 (got ${p})`);
    }
  }
  const sum = clusters.reduce((s, c) => s + (percentages[c] ?? 0), 0);
  if (sum <= 0) throw new RangeError('at least one percentage must be greater than zero');
  if (clusters.filter((c) => (percentages[c] ?? 0) > 0).length > total) {
    throw new RangeError(`more than ${total} non-zero shares cannot all get weight >= 1`);
  }

  const exact = clusters.map((c) => ({ c, x: ((percentages[c] ?? 0) / sum) * total }));
  const weights = new Map(exact.map(({ c, x }) => [c, Math.floor(x)]));
  let left = total - [...weights.values()].reduce((s, w) => s + w, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)) || byName(a.c, b.c),
  );
  for (const { c } of byRemainder) {
    if (left === 0) break;
    weights.set(c, (weights.get(c) ?? 0) + 1);
    left -= 1;
  }
  for (const c of clusters) {
    if ((percentages[c] ?? 0) <= 0 || (weights.get(c) ?? 0) > 0) continue;
    const donor = [...weights.entries()].sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))[0];
    if (donor === undefined || donor[1] <= 1) continue;
    weights.set(donor[0], donor[1] - 1);
    weights.set(c, 1);
  }
  return Object.fromEntries(clusters.map((c) => [c, weights.get(c) ?? 0]));
}

export interface ClusterWeightsInput {
  /** the clusters whose target groups are in the forward action */
  clusters: readonly string[];
  /** each cluster's weight annotation, if any */
  annotated: Readonly<Record<string, number | undefined>>;
  /** a running migration's split, in percent per cluster */
  override?: Readonly<Record<string, number>>;
}

export interface ClusterWeights {
  weights: Record<string, number>;
  source: 'annotations' | 'migration';
  /** set when the migration split could not be used, for the Degraded condition */
  note?: string;
}

/**
 * The Lattice weight of each cluster. Without a migration: the weight annotation, else 100 each.
 * A migration's percentages split the traffic of the clusters it names (typically from/to) and
 * leave every other cluster's weight alone: with only the two, 10% becomes weights 90/10; with a
 * third cluster C, the two share what their combined export weights were, so C's share does not
 * move. If none of the clusters the migration names with a share > 0 is present (their exports
 * vanished or became invalid), the override is ignored rather than weighting them all 0, and the
 * reason is returned for the Degraded condition.
 */
export function clusterWeights(input: ClusterWeightsInput): ClusterWeights {
  const clusters = [...input.clusters].sort(byName);
  const annotated = (c: string) => input.annotated[c] ?? DEFAULT_WEIGHT;
  const fromAnnotations = () => Object.fromEntries(clusters.map((c) => [c, annotated(c)]));
  const override = input.override;
  if (override === undefined) return { weights: fromAnnotations(), source: 'annotations' };

  const named = clusters.filter((c) => override[c] !== undefined);
  if (named.every((c) => (override[c] ?? 0) <= 0)) {
    const names = Object.keys(override).sort(byName).join(', ');
    return {
      weights: fromAnnotations(),
      source: 'annotations',
      note: `the migration's split names ${names || 'no cluster'}, but none of them with a share > 0 serves this service; using the export weights instead`,
    };
  }
  const others = clusters.filter((c) => override[c] === undefined);
  const pool =
    others.length === 0
      ? 100
      : Math.min(
          MAX_LATTICE_WEIGHT,
          named.reduce((sum, c) => sum + annotated(c), 0),
        );
  const split =
    pool > 0
      ? percentToWeights(Object.fromEntries(named.map((c) => [c, override[c] ?? 0])), pool)
      : Object.fromEntries(named.map((c) => [c, 0]));
  return {
    weights: Object.fromEntries(clusters.map((c) => [c, split[c] ?? annotated(c)])),
    source: 'migration',
  };
}
