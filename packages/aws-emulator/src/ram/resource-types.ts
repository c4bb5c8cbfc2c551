// The resource types this emulator can share (those the Lattice module resolves) and their AWS
// managed permissions. Resource type codes are RAM's (`<service>:<Type>`); AWS compares them
// case-insensitively.
import { managedPermissionArn } from './arns.ts';

export interface ShareableResourceType {
  resourceType: string;
  serviceName: string;
  resourceRegionScope: 'REGIONAL' | 'GLOBAL';
  /** name of the AWS managed permission RAM attaches when the caller names none */
  defaultPermissionName: string;
}

export const SHAREABLE_RESOURCE_TYPES: readonly ShareableResourceType[] = [
  {
    resourceType: 'vpc-lattice:Service',
    serviceName: 'vpc-lattice',
    resourceRegionScope: 'REGIONAL',
    defaultPermissionName: 'AWSRAMPermissionVpcLatticeServiceReadWrite',
  },
  {
    resourceType: 'vpc-lattice:ServiceNetwork',
    serviceName: 'vpc-lattice',
    resourceRegionScope: 'REGIONAL',
    defaultPermissionName: 'AWSRAMPermissionVpcLatticeServiceNetworkReadWrite',
  },
];

export function findResourceType(resourceType: string): ShareableResourceType | undefined {
  const wanted = resourceType.toLowerCase();
  return SHAREABLE_RESOURCE_TYPES.find((type) => type.resourceType.toLowerCase() === wanted);
}

export interface ManagedPermission {
  arn: string;
  name: string;
  resourceType: string;
  version: string;
}

export const MANAGED_PERMISSIONS: readonly ManagedPermission[] = SHAREABLE_RESOURCE_TYPES.map(
  (type) => ({
    arn: managedPermissionArn(type.defaultPermissionName),
    name: type.defaultPermissionName,
    resourceType: type.resourceType,
    version: '1',
  }),
);

export function findManagedPermission(arn: string): ManagedPermission | undefined {
  return MANAGED_PERMISSIONS.find((permission) => permission.arn === arn);
}

export function defaultPermissionFor(resourceType: string): ManagedPermission | undefined {
  const wanted = resourceType.toLowerCase();
  return MANAGED_PERMISSIONS.find((permission) => permission.resourceType.toLowerCase() === wanted);
}

/** When the managed permissions were published; a fixed date so responses are stable. */
export const MANAGED_PERMISSION_CREATED = new Date('2023-03-31T00:00:00Z');
