// What ListTargets reports for a target, following the TargetStatus documentation:
//   DRAINING    being deregistered
//   UNUSED      the target group is not used by any listener or rule of a service
//   UNAVAILABLE health checks are off (disabled, or LAMBDA/ALB target groups)
//   INITIAL     registered, no health check result yet
//   HEALTHY / UNHEALTHY  as last reported by the data plane's health checker (setTargetHealth)
// reasonCode values are the emulator's (AWS documents the field but not its values); they follow
// the Elastic Load Balancing codes Lattice's console shows.
import type { TargetGroupRecord, TargetRecord, TargetStatus } from './model.ts';
import type { LatticeState } from './state.ts';

export interface TargetHealth {
  status: TargetStatus;
  reasonCode?: string;
}

export function healthChecksEnabled(tg: TargetGroupRecord): boolean {
  if (tg.type === 'LAMBDA' || tg.type === 'ALB') return false;
  return tg.config.healthCheck?.enabled !== false;
}

export function targetHealth(
  state: LatticeState,
  tg: TargetGroupRecord,
  target: TargetRecord,
): TargetHealth {
  if (target.drainUntil)
    return { status: 'DRAINING', reasonCode: 'Target.DeregistrationInProgress' };
  if (state.servicesUsingTargetGroup(tg.id).length === 0)
    return { status: 'UNUSED', reasonCode: 'Target.NotInUse' };
  if (!healthChecksEnabled(tg))
    return { status: 'UNAVAILABLE', reasonCode: 'Target.HealthCheckDisabled' };
  if (target.health) {
    return target.health.reasonCode === undefined
      ? { status: target.health.status }
      : { status: target.health.status, reasonCode: target.health.reasonCode };
  }
  if (state.initialTargetHealth === 'HEALTHY') return { status: 'HEALTHY' };
  return { status: 'INITIAL', reasonCode: 'Elb.RegistrationInProgress' };
}

export function targetKey(id: string, port: number | undefined): string {
  return `${id}:${port ?? ''}`;
}
