// Weighted target group choice ("Requests that match a listener rule with weighted target groups
// are distributed to these target groups based on their weights") and the spread over a group's
// healthy targets. Random per request, as a load balancer fleet is: a 90/10 split is 90/10 in
// expectation, not in lockstep.
import type { WeightedTargetGroupView } from '../lattice/index.ts';

export type RandomSource = () => number;

/** A target group drawn with probability weight / total; groups with weight 0 are never drawn. */
export function chooseTargetGroup(
  groups: readonly WeightedTargetGroupView[],
  random: RandomSource,
): WeightedTargetGroupView | undefined {
  const eligible = groups.filter((g) => g.weight > 0);
  const total = eligible.reduce((sum, g) => sum + g.weight, 0);
  if (total === 0) return undefined;
  let point = random() * total;
  for (const group of eligible) {
    point -= group.weight;
    if (point < 0) return group;
  }
  return eligible[eligible.length - 1];
}

/** Round-robin over each target group's current healthy targets. */
export class RoundRobin {
  private readonly next = new Map<string, number>();

  pick<T>(key: string, items: readonly T[]): T | undefined {
    if (items.length === 0) return undefined;
    const index = (this.next.get(key) ?? 0) % items.length;
    this.next.set(key, index + 1);
    return items[index];
  }
}
