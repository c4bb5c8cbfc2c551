import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceClient } from './resource-client.ts';
import type { ResourceRef } from './resource-ref.ts';

export function hasFinalizer(object: KubernetesObject, finalizer: string): boolean {
  return object.metadata?.finalizers?.includes(finalizer) ?? false;
}

/**
 * Add or remove a finalizer with a merge patch that carries the object's resourceVersion, so a
 * concurrent change to the list fails with 409 instead of being overwritten.
 */
async function setFinalizers<T extends KubernetesObject>(
  client: ResourceClient,
  ref: ResourceRef,
  object: T,
  finalizers: string[],
): Promise<T> {
  const { name, namespace, resourceVersion } = object.metadata ?? {};
  if (name === undefined) throw new Error('the object has no metadata.name');
  return client.mergePatch<T>(
    ref,
    { name, ...(namespace !== undefined ? { namespace } : {}) },
    { metadata: { finalizers, ...(resourceVersion ? { resourceVersion } : {}) } },
  );
}

export async function ensureFinalizer<T extends KubernetesObject>(
  client: ResourceClient,
  ref: ResourceRef,
  object: T,
  finalizer: string,
): Promise<T> {
  if (hasFinalizer(object, finalizer)) return object;
  return setFinalizers(client, ref, object, [...(object.metadata?.finalizers ?? []), finalizer]);
}

export async function removeFinalizer<T extends KubernetesObject>(
  client: ResourceClient,
  ref: ResourceRef,
  object: T,
  finalizer: string,
): Promise<T> {
  if (!hasFinalizer(object, finalizer)) return object;
  return setFinalizers(
    client,
    ref,
    object,
    (object.metadata?.finalizers ?? []).filter((f) => f !== finalizer),
  );
}
