// Non-resource paths: version, health, discovery and OpenAPI documents.
import type { JsonObject } from '../json.ts';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, negotiateDiscovery } from '../discovery/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { openApiV2, openApiV3Document, openApiV3Paths } from '../openapi/index.ts';
import { notFoundPath } from '../server/api-error.ts';
import type { RequestContext } from '../server/request-context.ts';
import { sendJson, sendText } from '../server/responses.ts';

export const KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0' };

export const VERSION_INFO: JsonObject = {
  ...KUBERNETES_VERSION,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

/** Paths anyone may read, like the real system:public-info-viewer role allows. */
export function isPublicPath(path: string): boolean {
  return path === '/version' || HEALTH_PATHS.has(path) || /^\/(healthz|livez|readyz)\//.test(path);
}

export function handleNonResource(ctx: RequestContext, path: string, state: () => ClusterState): void {
  const { res } = ctx;
  if (path === '/version') return sendJson(res, 200, VERSION_INFO);
  if (HEALTH_PATHS.has(path) || /^\/(healthz|livez|readyz)\//.test(path)) return sendText(res, 200, 'ok');
  const accept = ctx.req.headers.accept ?? '';
  if (path === '/api' || path === '/apis') {
    const types = state().types.all();
    const negotiated = negotiateDiscovery(accept);
    const vary = { Vary: 'Accept' };
    if (negotiated.aggregated) {
      return sendJson(res, 200, aggregatedDiscovery(types, path === '/api' ? 'api' : 'apis', negotiated.version), vary, negotiated.contentType);
    }
    return sendJson(res, 200, path === '/api' ? apiVersions() : apiGroupList(types), vary);
  }
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'api' && segs.length === 2) {
    const list = apiResourceList(state().types.all(), '', segs[1]);
    if (list) return sendJson(res, 200, list);
  }
  if (segs[0] === 'apis' && segs.length === 2) {
    const group = apiGroup(state().types.all(), segs[1]);
    if (group) return sendJson(res, 200, group);
  }
  if (segs[0] === 'apis' && segs.length === 3) {
    const list = apiResourceList(state().types.all(), segs[1], segs[2]);
    if (list) return sendJson(res, 200, list);
  }
  if (segs[0] === 'openapi') {
    const types = state().types.all();
    if (path === '/openapi/v2') return sendJson(res, 200, openApiV2(types));
    if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Paths(types));
    if (segs[1] === 'v3' && segs.length > 2) {
      const doc = openApiV3Document(types, segs.slice(2).join('/'));
      if (doc) return sendJson(res, 200, doc);
    }
  }
  throw notFoundPath();
}
