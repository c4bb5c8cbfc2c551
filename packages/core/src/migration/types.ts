// The vocabulary between the migration state machine and the controller that runs it: what the
// controller observed (an observation), what it must do next (an action), and the state both
// read (the CR's uid, generation, spec and status).
import type {
  ClusterMigrationSpec,
  ClusterMigrationStatus,
  ServiceRef,
  ServiceRejection,
} from '../api/cluster-migration.ts';

export interface MigrationState {
  /** metadata.uid: the prefix of every job id */
  uid: string;
  /** metadata.generation: recorded as status.observedGeneration */
  generation: number;
  spec: ClusterMigrationSpec;
  /** the persisted status; `{}` for a new object */
  status: ClusterMigrationStatus;
}

/** Percent of traffic per cluster name; always { [fromCluster]: 100 - w, [toCluster]: w }. */
export type ClusterPercentages = Record<string, number>;

export type ValidationResult =
  { ok: true; services: ServiceRef[] } | { ok: false; rejections: ServiceRejection[] };

export interface GateMeasurement {
  step: number;
  /** healthy / registered targets of toCluster across the migrated services (0 when none) */
  healthyRatio: number;
  /** the HTTP probe through the service, when the gate has one */
  probe?: { ok: boolean; status?: number; message?: string };
}

/** What the controller learned since the last call. Every observation is safe to repeat. */
export type MigrationObservation =
  | { type: 'Tick' }
  | { type: 'Validated'; result: ValidationResult }
  | { type: 'WeightsWritten'; jobId: string }
  | ({ type: 'GateMeasured' } & GateMeasurement)
  | { type: 'Finished'; jobId: string };

/** What the controller must do after persisting newState. */
export type MigrationControllerAction =
  /** gather the validation inputs, run validateMigration, call again with Validated */
  | { type: 'Validate' }
  /** the migration was rejected by this call: emit an event naming the reasons */
  | { type: 'Reject'; reasons: ServiceRejection[] }
  /** measure the gate of `step`, call again with GateMeasured */
  | { type: 'CheckGate'; step: number }
  /** write these absolute weights for every service, then call again with WeightsWritten */
  | {
      type: 'ApplyWeights';
      step: number;
      weights: ClusterPercentages;
      services: ServiceRef[];
      jobId: string;
    }
  /** write 100% fromCluster for every service, then call again with WeightsWritten */
  | { type: 'Rollback'; weights: ClusterPercentages; services: ServiceRef[]; jobId: string }
  /** enqueue a delayed job with this id to run at `until` (an existing id is a no-op) */
  | { type: 'Wait'; until: string; jobId: string; reason: string }
  /** perform the finish (RemoveOldExport deletes fromCluster's exports), then call with Finished */
  | {
      type: 'Complete';
      finish: 'ZeroWeight' | 'RemoveOldExport';
      services: ServiceRef[];
      fromCluster: string;
      jobId: string;
    }
  /** nothing to do until the spec changes or a job arrives */
  | { type: 'None'; reason: string };

export interface MigrationDecision {
  action: MigrationControllerAction;
  /** persist this status BEFORE performing the action: that is the crash-safety protocol */
  newState: ClusterMigrationStatus;
}

export type MigrationOperationType = 'Pause' | 'Resume' | 'Abort' | 'Promote';

export interface MigrationOperation {
  type: MigrationOperationType;
  /** for the record in status.lastAction / messages */
  requestedBy?: string;
}
