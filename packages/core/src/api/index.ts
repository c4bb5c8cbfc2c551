export * from './common.ts';
export * from './crd.ts';
export * from './resources.ts';
export * from './tenant.ts';
export * from './workload-cluster.ts';
export * from './trellis-resources.ts';
export * from './cluster-migration.ts';
export * from './upgrade-schedule.ts';
