import { isDeepStrictEqual } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import { isNotFound, type ResourceClient, type ResourceRef } from '@trellis/kube';

/**
 * Write `.status` through the status subresource only when it differs from what is stored:
 * a steady-state reconcile writes nothing, so it causes no watch event and no further reconcile.
 */
export async function patchStatusIfChanged(
  client: ResourceClient,
  ref: ResourceRef,
  object: KubernetesObject & { status?: unknown },
  status: Record<string, unknown>,
): Promise<boolean> {
  if (isDeepStrictEqual(object.status ?? {}, status)) return false;
  const { name, namespace } = object.metadata ?? {};
  try {
    await client.mergePatch(
      ref,
      { name: name ?? '', ...(namespace ? { namespace } : {}) },
      // null first clears fields the new status no longer has (merge patch semantics)
      { status: { ...nulls(object.status), ...status } },
      'status',
    );
  } catch (error) {
    if (isNotFound(error)) return false; // deleted meanwhile: nothing to report on
    throw error;
  }
  return true;
}

function nulls(status: unknown): Record<string, null> {
  if (typeof status !== 'object' || status === null) return {};
  return Object.fromEntries(Object.keys(status).map((k) => [k, null]));
}
