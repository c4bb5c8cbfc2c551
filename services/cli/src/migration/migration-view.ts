// The REST view of a ClusterMigration, as the CLI reads it: {name, tenant, spec, status, …} with
// spec and status shaped by packages/core/src/api/cluster-migration.ts. Only what the CLI shows is
// typed; the rest passes through to -o json/yaml untouched.
import type { ResourceView } from '../output/conditions.ts';

export interface MigrationStepView {
  weightPercent: number;
  pauseSeconds: number;
}

export interface MigrationView extends ResourceView {
  tenant?: string;
  spec: {
    fromCluster: string;
    toCluster: string;
    services?: {
      all?: boolean;
      list?: { namespace: string; name: string }[];
      selector?: { matchLabels: Record<string, string> };
    };
    steps?: MigrationStepView[];
    paused?: boolean;
  };
  status?: ResourceView['status'] & {
    phase?: string;
    currentStep?: number;
    stepStates?: {
      index: number;
      weightPercent: number;
      appliedAt?: string;
      finishedAt?: string;
      skipped?: boolean;
      gate?: { result: string; observedRatio?: number; message?: string };
    }[];
    weightsApplied?: { namespace: string; name: string; fromPercent: number; toPercent: number }[];
    services?: { namespace: string; name: string }[];
    nextStepAt?: string;
    pause?: { reason: string; message?: string };
    rollback?: { reason: string; message: string };
    lastAction?: { type: string; result: string; message?: string };
  };
}

/** What the progress view and the table show. */
export interface MigrationSummary {
  name: string;
  from: string;
  to: string;
  phase: string;
  /** steps finished (or skipped) */
  stepsDone: number;
  stepsTotal: number;
  /** the step being worked on, 1-based for people; 0 before the first */
  currentStep: number;
  /** share of traffic on toCluster now */
  toPercent: number;
  gate: string;
  note: string;
}

/** core's DEFAULT_MIGRATION_STEPS: what the server fills in when spec.steps is absent. */
export const DEFAULT_STEPS: MigrationStepView[] = [
  { weightPercent: 10, pauseSeconds: 300 },
  { weightPercent: 25, pauseSeconds: 600 },
  { weightPercent: 50, pauseSeconds: 600 },
  { weightPercent: 100, pauseSeconds: 0 },
];

export const TERMINAL_PHASES = ['Rejected', 'Succeeded', 'Failed', 'Aborted'];

export function summarizeMigration(view: MigrationView): MigrationSummary {
  const status = view.status ?? { conditions: [] };
  const steps = view.spec.steps ?? DEFAULT_STEPS;
  const states = status.stepStates ?? [];
  const stepsDone = states.filter((s) => s.finishedAt !== undefined || s.skipped === true).length;
  const current = status.currentStep;
  const gateState =
    current !== undefined ? states.find((s) => s.index === current)?.gate : undefined;
  return {
    name: view.name,
    from: view.spec.fromCluster,
    to: view.spec.toCluster,
    phase: status.phase ?? 'Pending',
    stepsDone: status.phase === 'Succeeded' ? steps.length : stepsDone,
    stepsTotal: steps.length,
    currentStep: current !== undefined ? current + 1 : 0,
    toPercent: toPercentOf(view),
    gate:
      gateState === undefined
        ? ''
        : `${gateState.result}${gateState.observedRatio !== undefined ? ` (healthy ${Math.round(gateState.observedRatio * 100)}%)` : ''}`,
    note: status.pause?.message ?? status.rollback?.message ?? status.lastAction?.message ?? '',
  };
}

/** Weights actually written win; else the last applied step's weight; else 0. */
function toPercentOf(view: MigrationView): number {
  const applied = view.status?.weightsApplied ?? [];
  if (applied.length > 0) return Math.min(...applied.map((w) => w.toPercent));
  const states = (view.status?.stepStates ?? []).filter((s) => s.appliedAt !== undefined);
  return states.at(-1)?.weightPercent ?? 0;
}
