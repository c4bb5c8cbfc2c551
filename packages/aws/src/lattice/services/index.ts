// The Lattice side of one multi-cluster service, in the account of its target groups (the
// exporting clusters' account; the tenant's service network is shared into it by RAM).
//
// Apply (deployMultiClusterService does exactly this, in this order):
//   ensureLatticeService → ensureServiceNetworkServiceAssociation (requeue until ACTIVE) →
//   per target group: ensureTargetGroup → syncTargets (only when the cluster is reachable) →
//   per port: ensureListener (forward to the *current* group IDs) →
//   deleteOwnedListener for ports no longer planned →
//   deleteOwnedTargetGroup for superseded groups and groups that left the plan (never an
//   unreachable cluster's).
// Remove (deleteMultiClusterService): deleteOwnedListener → deleteOwnedServiceNetworkServiceAssociation
//   → deleteOwnedLatticeService (requeue while 'associated') → deleteOwnedTargetGroup.
// Every delete first checks the resource's tags; nothing without them is ever changed.
export * from './delete-multi-cluster-service.ts';
export * from './deploy-multi-cluster-service.ts';
export * from './inventory.ts';
export * from './lattice-service.ts';
export * from './listener.ts';
export type { IsOwned } from './resource-tags.ts';
export * from './service-association.ts';
export * from './target-group-deletion.ts';
export * from './target-group.ts';
export * from './targets.ts';
