// Non-resource paths: version, health, discovery and OpenAPI documents.
import type { JsonObject } from '../json.ts';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, negotiateDiscovery } from '../discovery/index.ts';
import type { ClusterState } from '../cluster/cluster-state.ts';
import { openApiV2, openApiV3DocumentWithHash, openApiV3Paths } from '../openapi/index.ts';
import { notFoundPath } from '../server/api-error.ts';
import { acceptsJson } from '../server/negotiation.ts';
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
  if (segs[0] === 'openapi' && (path === '/openapi/v2' || segs[1] === 'v3')) {
    if (!acceptsJson(ctx.req.headers.accept)) return sendText(res, 406, '406 Not Acceptable\n');
    const types = state().types.all();
    if (path === '/openapi/v2') return sendJson(res, 200, openApiV2(types));
    if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Paths(types));
    if (segs.length > 2) {
      const built = openApiV3DocumentWithHash(types, segs.slice(2).join('/'));
      if (built) return sendOpenApiV3Document(ctx, built);
    }
  }
  throw notFoundPath();
}

/**
 * A group-version document, as kube-openapi's v3 handler serves it: ETag = its hash; a request
 * naming the current hash may cache it forever, one naming an old hash is redirected (301) to
 * the current one, and If-None-Match with the current ETag gets 304.
 */
function sendOpenApiV3Document(ctx: RequestContext, built: { document: JsonObject; hash: string }): void {
  const { req, res, query } = ctx;
  const etag = JSON.stringify(built.hash);
  const requested = query.get('hash');
  if (requested !== null && requested !== '' && requested !== built.hash) {
    const location = `${(req.url ?? '').replace(/\?.*$/, '')}?hash=${built.hash}`;
    res.writeHead(301, { Location: location, 'Content-Length': 0 });
    res.end();
    return;
  }
  const headers: Record<string, string> = { ETag: etag, Vary: 'Accept' };
  if (requested === built.hash) {
    headers['Cache-Control'] = 'public, immutable';
    headers.Expires = new Date(Date.now() + 365 * 86400 * 1000).toUTCString();
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  sendJson(res, 200, built.document, headers);
}
