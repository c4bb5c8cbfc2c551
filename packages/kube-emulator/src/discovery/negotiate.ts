// Which discovery document a request asks for. kubectl 1.30+ sends, on /api and /apis:
//   application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,
//   application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json
// The server answers with the first range it can serve (by q, then by order), so an old client
// sending plain `application/json` keeps getting APIVersions / APIGroupList.
import type { AggregatedDiscoveryVersion } from './aggregated-discovery.ts';

export type DiscoveryNegotiation =
  | { aggregated: false }
  | { aggregated: true; version: AggregatedDiscoveryVersion; contentType: string };

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
  index: number;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part, index) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0)
          params.set(
            p.slice(0, eq).trim().toLowerCase(),
            p
              .slice(eq + 1)
              .trim()
              .replace(/^"|"$/g, ''),
          );
      }
      const q = params.has('q') ? Number(params.get('q')) : 1;
      return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.type !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

function aggregatedVersionOf(range: MediaRange): AggregatedDiscoveryVersion | undefined {
  // only JSON: the emulator does not speak protobuf
  if (range.type !== 'application/json') return undefined;
  if (range.params.get('g') !== 'apidiscovery.k8s.io') return undefined;
  if (range.params.get('as') !== 'APIGroupDiscoveryList') return undefined;
  const v = range.params.get('v');
  return v === 'v2' || v === 'v2beta1' ? v : undefined;
}

export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/**
 * Decide between aggregated and legacy discovery for `/api` and `/apis`. Answer with `Vary: Accept`
 * either way so caches keep the two apart.
 */
export function negotiateDiscovery(acceptHeader: string): DiscoveryNegotiation {
  for (const range of parseAccept(acceptHeader)) {
    const version = aggregatedVersionOf(range);
    if (version) return { aggregated: true, version, contentType: aggregatedContentType(version) };
    // a plain JSON (or anything) range that comes first wins: legacy discovery
    if (range.params.has('as') || range.params.has('g')) continue;
    if (
      range.type === 'application/json' ||
      range.type === '*/*' ||
      range.type === 'application/*'
    ) {
      return { aggregated: false };
    }
  }
  return { aggregated: false };
}
