// The ClusterMigration object as the hub-controller reads it, and the names of its queues.
import type { KubernetesObject } from '@kubernetes/client-node';
import { CLUSTER_MIGRATION_RESOURCE, type ClusterMigrationObject } from '@trellis/core';
import type { ResourceRef } from '@trellis/kube';

export const CLUSTER_MIGRATIONS: ResourceRef = CLUSTER_MIGRATION_RESOURCE;
export type ClusterMigration = ClusterMigrationObject & KubernetesObject;

/** The reconcile queue fed by watch events and the resync: keys `tenant-<t>/<name>`. */
export const MIGRATION_CONTROLLER_NAME = 'clustermigration';
/** The queue of delayed wake-ups (`Wait` actions), job ids from migrationJobId. */
export const MIGRATION_STEP_QUEUE = 'clustermigration-steps';

/** The data of a wake-up job: which object to tick (the uid only for logs and checks). */
export interface MigrationJobData {
  key: string;
  uid: string;
}
