import type { KubernetesObject } from '@kubernetes/client-node';
import {
  API_GROUP,
  API_VERSION,
  type ClusterMigrationSpec,
  type ClusterMigrationStatus,
  type ObjectMeta,
  type UpgradeScheduleSpec,
  type UpgradeScheduleStatus,
} from '@trellis/core';
import type { ResourceRef } from '@trellis/kube';

export const UPGRADE_SCHEDULES: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'upgradeschedules',
  kind: 'UpgradeSchedule',
  namespaced: true,
};

/** Read (list) and create only: the ClusterMigration controller owns everything else. */
export const CLUSTER_MIGRATIONS: ResourceRef = {
  group: API_GROUP,
  version: API_VERSION,
  plural: 'clustermigrations',
  kind: 'ClusterMigration',
  namespaced: true,
};

export type UpgradeSchedule = KubernetesObject & {
  metadata?: ObjectMeta;
  spec: UpgradeScheduleSpec;
  status?: UpgradeScheduleStatus;
};

export type ScheduledClusterMigration = KubernetesObject & {
  metadata?: ObjectMeta & {
    ownerReferences?: {
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }[];
  };
  spec: ClusterMigrationSpec;
  status?: Partial<ClusterMigrationStatus>;
};
