// Queue keys of the multi-cluster service controller: one per exported (namespace, name) of a
// tenant, whichever clusters export it — `<tenant>/<namespace>/<name>`.

export interface MultiClusterServiceKey {
  tenant: string;
  namespace: string;
  name: string;
}

export function mcsKey(key: MultiClusterServiceKey): string {
  return `${key.tenant}/${key.namespace}/${key.name}`;
}

/** undefined for anything that is not three non-empty segments (never reconciled). */
export function parseMcsKey(key: string): MultiClusterServiceKey | undefined {
  const parts = key.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [tenant, namespace, name] = parts as [string, string, string];
  return { tenant, namespace, name };
}
