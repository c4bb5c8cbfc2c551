import { createHash } from 'node:crypto';
import type { ResourceType } from '../resources/types.ts';

/**
 * The value kube-apiserver publishes as `storageVersionHash`: base64 of the first 8 bytes of
 * sha256("<group>/<version>/<kind>") of the storage version. Clients (the storage version
 * migrator, kubectl's cache) only compare it, but using the real formula gives the real values
 * (`/v1/Pod` → `xPOwRZ+Yhw8=`).
 */
export function storageVersionHash(types: readonly ResourceType[], type: ResourceType): string {
  const storage =
    types.find((t) => t.group === type.group && t.plural === type.plural && t.storageVersion) ??
    type;
  const digest = createHash('sha256')
    .update(`${storage.group}/${storage.version}/${storage.kind}`)
    .digest();
  return digest.subarray(0, 8).toString('base64');
}
