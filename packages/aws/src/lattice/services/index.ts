export * from './delete-multi-cluster-service.ts';
export * from './deploy-multi-cluster-service.ts';
export * from './lattice-service.ts';
export * from './listener.ts';
export type { IsOwned } from './resource-tags.ts';
export * from './service-association.ts';
export * from './target-group-deletion.ts';
export * from './target-group.ts';
export * from './targets.ts';
