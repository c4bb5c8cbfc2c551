import { customResourceDefinition } from './crd.ts';
import { TenantSpecSchema, TenantStatusSchema } from './tenant.ts';
import { WorkloadClusterSpecSchema, WorkloadClusterStatusSchema } from './workload-cluster.ts';
import { ClusterMigrationSpecSchema, ClusterMigrationStatusSchema } from './cluster-migration.ts';
import { UpgradeScheduleSpecSchema, UpgradeScheduleStatusSchema } from './upgrade-schedule.ts';
import {
  MultiClusterServiceSpecSchema,
  MultiClusterServiceStatusSchema,
} from './multi-cluster-service.ts';

const readyColumns = [
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Reason', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].reason' },
] as const;

export const TENANT_CRD = customResourceDefinition({
  kind: 'Tenant',
  plural: 'tenants',
  singular: 'tenant',
  shortNames: ['tn'],
  scope: 'Cluster',
  spec: TenantSpecSchema,
  status: TenantStatusSchema,
  description:
    'A tenant: its network account, role and ExternalId, and the VPC Lattice service network Trellis manages there.',
  printerColumns: [
    { name: 'Account', type: 'string', jsonPath: '.spec.networkAccount.accountId' },
    { name: 'Region', type: 'string', jsonPath: '.spec.networkAccount.region' },
    { name: 'Service Network', type: 'string', jsonPath: '.status.serviceNetwork.id' },
    ...readyColumns,
  ],
});

export const WORKLOAD_CLUSTER_CRD = customResourceDefinition({
  kind: 'WorkloadCluster',
  plural: 'workloadclusters',
  singular: 'workloadcluster',
  shortNames: ['wc'],
  scope: 'Namespaced',
  spec: WorkloadClusterSpecSchema,
  status: WorkloadClusterStatusSchema,
  description:
    'A member cluster of a tenant: an EKS cluster reached through an assumed role, or any cluster through a kubeconfig Secret.',
  printerColumns: [
    { name: 'Version', type: 'string', jsonPath: '.status.kubernetesVersion' },
    { name: 'VPC', type: 'string', jsonPath: '.status.vpcId' },
    {
      name: 'Connected',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Connected")].status',
    },
    ...readyColumns,
  ],
});

export const CLUSTER_MIGRATION_CRD = customResourceDefinition({
  kind: 'ClusterMigration',
  plural: 'clustermigrations',
  singular: 'clustermigration',
  shortNames: ['cm', 'cmig'],
  scope: 'Namespaced',
  spec: ClusterMigrationSpecSchema,
  status: ClusterMigrationStatusSchema,
  // hub-api refuses changes to services too; a CEL rule on it would be costly (a free-form map)
  immutableSpecFields: ['fromCluster', 'toCluster'],
  description:
    "Moves a tenant's exported services from one member cluster to another in weighted steps behind health gates.",
  printerColumns: [
    { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    { name: 'Step', type: 'integer', jsonPath: '.status.currentStep' },
    { name: 'From', type: 'string', jsonPath: '.spec.fromCluster' },
    { name: 'To', type: 'string', jsonPath: '.spec.toCluster' },
    ...readyColumns,
  ],
});

export const UPGRADE_SCHEDULE_CRD = customResourceDefinition({
  kind: 'UpgradeSchedule',
  plural: 'upgradeschedules',
  singular: 'upgradeschedule',
  shortNames: ['us'],
  scope: 'Namespaced',
  spec: UpgradeScheduleSpecSchema,
  status: UpgradeScheduleStatusSchema,
  description:
    'A cron, time zone and maintenance window that create ClusterMigrations from a template.',
  printerColumns: [
    { name: 'Cron', type: 'string', jsonPath: '.spec.cron' },
    { name: 'Time Zone', type: 'string', jsonPath: '.spec.timeZone' },
    { name: 'Suspended', type: 'boolean', jsonPath: '.spec.suspend' },
    { name: 'Last', type: 'string', jsonPath: '.status.lastCreatedMigration' },
    ...readyColumns,
  ],
});

export const MULTI_CLUSTER_SERVICE_CRD = customResourceDefinition({
  kind: 'MultiClusterService',
  plural: 'multiclusterservices',
  singular: 'multiclusterservice',
  shortNames: ['mcs'],
  scope: 'Namespaced',
  spec: MultiClusterServiceSpecSchema,
  status: MultiClusterServiceStatusSchema,
  description:
    'Read model of one exported Service of a tenant (<namespace>.<name>), written by Trellis: its Lattice service, exporting clusters, weights, target health and conditions.',
  printerColumns: [
    { name: 'DNS', type: 'string', jsonPath: '.status.latticeService.dnsName' },
    { name: 'Clusters', type: 'string', jsonPath: '.status.exportingClusters' },
    { name: 'Healthy', type: 'integer', jsonPath: '.status.targets.healthy', priority: 1 },
    { name: 'Targets', type: 'integer', jsonPath: '.status.targets.total', priority: 1 },
    {
      name: 'Degraded',
      type: 'string',
      jsonPath: '.status.conditions[?(@.type=="Degraded")].status',
    },
    ...readyColumns,
  ],
});

export const TRELLIS_CRDS = [
  TENANT_CRD,
  WORKLOAD_CLUSTER_CRD,
  CLUSTER_MIGRATION_CRD,
  UPGRADE_SCHEDULE_CRD,
  MULTI_CLUSTER_SERVICE_CRD,
];
