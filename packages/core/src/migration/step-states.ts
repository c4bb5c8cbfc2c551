// Small shared pieces of the state machine: the decision context and step-list helpers.
import type {
  ClusterMigrationStatus,
  ResolvedMigrationSpec,
  StepState,
} from '../api/cluster-migration.ts';

export const addSeconds = (iso: string, seconds: number): string =>
  new Date(Date.parse(iso) + seconds * 1000).toISOString();

export interface Context {
  uid: string;
  spec: ResolvedMigrationSpec;
  now: Date;
  at: string;
}

/**
 * The plan is frozen into stepStates at validation: editing spec.steps of a running migration
 * must not move weights it already applied or re-number its steps.
 */
export function planLength(status: ClusterMigrationStatus, ctx: Context): number {
  return status.stepStates?.length ?? ctx.spec.steps.length;
}

export function currentStepState(status: ClusterMigrationStatus): StepState | undefined {
  const index = status.currentStep ?? 0;
  return status.stepStates?.find((s) => s.index === index);
}

export function replaceStep(status: ClusterMigrationStatus, step: StepState): StepState[] {
  return (status.stepStates ?? []).map((s) => (s.index === step.index ? step : s));
}
