// AWS Resource Access Manager for the aws-emulator: resource shares, invitations and the
// cross-account visibility the Lattice module consults.
export { createRamService } from './ram-service.ts';
export type { RamService } from './ram-service.ts';
export type { RamServiceDeps } from './ram-context.ts';
export { SHAREABLE_RESOURCE_TYPES, MANAGED_PERMISSIONS } from './resource-types.ts';
