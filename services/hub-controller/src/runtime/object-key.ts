import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectKey } from '@trellis/kube';

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones (queue keys). */
export function keyOf(object: KubernetesObject): string {
  const { name, namespace } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

export function parseKey(key: string): ObjectKey {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
