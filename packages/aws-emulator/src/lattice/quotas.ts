// Service quotas. Defaults are the documented VPC Lattice defaults ("Quotas for Amazon VPC
// Lattice", user guide) at the time of writing; all are adjustable in AWS, so configurable here.

export interface LatticeQuotas {
  serviceNetworksPerRegion: number;
  servicesPerRegion: number;
  targetGroupsPerRegion: number;
  listenersPerService: number;
  rulesPerListener: number;
  targetsPerTargetGroup: number;
  vpcAssociationsPerServiceNetwork: number;
  serviceAssociationsPerServiceNetwork: number;
}

export const DEFAULT_QUOTAS: LatticeQuotas = {
  serviceNetworksPerRegion: 50,
  servicesPerRegion: 2000,
  targetGroupsPerRegion: 500,
  listenersPerService: 2,
  rulesPerListener: 10,
  targetsPerTargetGroup: 1000,
  vpcAssociationsPerServiceNetwork: 500,
  serviceAssociationsPerServiceNetwork: 500,
};

/**
 * Service Quotas codes. Only the listeners-per-service code is confirmed from the documentation
 * (L-D64E952E); the others are emulator names, documented as such in docs/aws-emulator-lattice.md.
 */
export const QUOTA_CODES: Record<keyof LatticeQuotas, string> = {
  serviceNetworksPerRegion: 'ServiceNetworksPerRegion',
  servicesPerRegion: 'ServicesPerRegion',
  targetGroupsPerRegion: 'TargetGroupsPerRegion',
  listenersPerService: 'L-D64E952E',
  rulesPerListener: 'RulesPerListener',
  targetsPerTargetGroup: 'TargetsPerTargetGroup',
  vpcAssociationsPerServiceNetwork: 'VpcAssociationsPerServiceNetwork',
  serviceAssociationsPerServiceNetwork: 'ServiceAssociationsPerServiceNetwork',
};
