// Public surface of the VPC Lattice control plane.
export { createLatticeService, DEFAULT_DELAYS_MS } from './lattice-service.ts';
export type { LatticeService, LatticeServiceDeps } from './lattice-service.ts';
export { DEFAULT_QUOTAS } from './quotas.ts';
export type { LatticeQuotas } from './quotas.ts';
export type {
  LatticeDataPlaneView,
  LatticeListenerView,
  LatticeRuleView,
  LatticeServiceNetworkView,
  LatticeServiceView,
  LatticeTargetGroupView,
  LatticeTargetView,
  ReportedHealth,
  RuleActionView,
  WeightedTargetGroupView,
} from './data-plane-view.ts';
export type { HeaderMatch, HttpMatch, TargetStatus } from './model.ts';
