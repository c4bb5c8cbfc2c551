// Which representation a client asked for. Only JSON is spoken: a client listing protobuf first
// (client-go does: `application/vnd.kubernetes.protobuf,application/json`) gets JSON, and so
// does one asking for protobuf alone, rather than a 406 it could not use either.
export type OutputMode =
  | { kind: 'json' }
  | { kind: 'table'; apiVersion: string }
  | { kind: 'partial'; apiVersion: string };

export function negotiateOutput(accept: string | undefined): OutputMode {
  if (!accept) return { kind: 'json' };
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const p = new Map<string, string>();
      for (const kv of params) {
        const eq = kv.indexOf('=');
        if (eq > 0) p.set(kv.slice(0, eq).trim(), kv.slice(eq + 1).trim());
      }
      const q = p.has('q') ? Number(p.get('q')) : 1;
      return { type: type.toLowerCase(), p, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    if (r.type !== 'application/json' && r.type !== '*/*' && r.type !== 'application/*') continue;
    const as = r.p.get('as');
    const g = r.p.get('g');
    const v = r.p.get('v') ?? 'v1';
    if (!as) return { kind: 'json' };
    if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table') return { kind: 'table', apiVersion: `meta.k8s.io/${v}` };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return { kind: 'partial', apiVersion: `meta.k8s.io/${v}` };
    }
  }
  return { kind: 'json' };
}

/**
 * Whether a document served as JSON only (the OpenAPI documents, whose protobuf forms are not
 * spoken here) is acceptable: no Accept, or a range covering application/json. A protobuf-only
 * Accept gets 406, as the real server answers a type it cannot produce.
 */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}
