// From a forward action to one target: a target group drawn by weight, then round-robin over
// its targets that may take traffic — HEALTHY ones, or all registered ones (UNAVAILABLE) when the
// group's health checks are off. VPC Lattice "routes requests only to the healthy targets" and
// documents no fail-open, so a group with none answers 503.
import type {
  LatticeDataPlaneView,
  LatticeTargetGroupView,
  WeightedTargetGroupView,
} from '../lattice/index.ts';
import { NoHealthyTargetError } from './errors.ts';
import type { RandomSource, RoundRobin } from './weighted-choice.ts';
import { chooseTargetGroup } from './weighted-choice.ts';

export interface SelectedTarget {
  group: LatticeTargetGroupView;
  host: string;
  port: number;
}

export function selectTarget(
  view: LatticeDataPlaneView,
  groups: readonly WeightedTargetGroupView[],
  random: RandomSource,
  roundRobin: RoundRobin,
): SelectedTarget {
  const chosen = chooseTargetGroup(groups, random);
  if (!chosen) {
    throw new NoHealthyTargetError('no-target-group', 'No target group has a weight above 0');
  }
  const group = view.targetGroup(chosen.targetGroupId);
  if (group && group.type !== 'IP') {
    // Lambda ARNs, instance IDs and ALB ARNs are no address the emulator can send to.
    throw new NoHealthyTargetError(
      'no-healthy-target',
      `Target group ${group.id} is of type ${group.type}; the emulator forwards to IP targets only`,
    );
  }
  const eligible = view
    .targetsOf(chosen.targetGroupId)
    .filter((t) => t.status === 'HEALTHY' || t.status === 'UNAVAILABLE');
  const target = roundRobin.pick(chosen.targetGroupId, eligible);
  const port = target?.port ?? group?.port;
  if (!group || !target || port === undefined) {
    throw new NoHealthyTargetError(
      'no-healthy-target',
      `Target group ${chosen.targetGroupId} has no healthy targets`,
    );
  }
  return { group, host: target.id, port };
}
