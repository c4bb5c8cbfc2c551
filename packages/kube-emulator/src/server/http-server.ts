// One HTTP(S) server for every virtual cluster: `/clusters/<name>/...` is that cluster's API
// server root; `/admin/...` controls the emulator. Per request: partition and latency faults,
// authentication, injected failures, authorization, then the handler. Every failure is written
// as a metav1.Status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { anonymousUser, bearerTokenFromHeader, forbiddenStatus, impersonate } from '../auth/index.ts';
import type { UserInfo } from '../auth/index.ts';
import type { ClusterSet } from '../cluster/cluster-set.ts';
import type { VirtualCluster } from '../cluster/virtual-cluster.ts';
import { handleNonResource } from '../handlers/non-resource.ts';
import { ApplyConflictError, JSON_PATCH_REJECTED_MESSAGE, PatchError } from '../patch/index.ts';
import { SelectorError } from '../selectors/index.ts';
import { ApiError, badRequest, forbidden, internalError, invalid, notFoundPath, unauthorized } from './api-error.ts';
import type { StatusDetails } from './api-error.ts';
import { attributesOf, decide, forbiddenError, rbacObjectsOf } from './authorization.ts';
import { handleAdmin } from './admin-routes.ts';
import { negotiateOutput } from './negotiation.ts';
import type { RequestContext, ServerServices } from './request-context.ts';
import { parseRequestInfo } from './request-info.ts';
import { routeResource } from './resource-router.ts';
import { sendJson, sendStatus, warningHeaders } from './responses.ts';

const CLUSTER_PATH = /^\/clusters\/([^/]+)(\/.*)?$/;

export interface RequestHandlerDeps {
  clusters: ClusterSet;
  services: ServerServices;
  logger: Logger;
  admin: Parameters<typeof handleAdmin>[0];
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof SelectorError) return badRequest(err.message);
  if (err instanceof PatchError) {
    switch (err.reason) {
      case 'Invalid':
        // a JSON patch that cannot be applied: the real server hides json-patch's text behind a
        // generic message and sends no causes (kubectl prints `The request is invalid: ...`)
        if (err.message === JSON_PATCH_REJECTED_MESSAGE) return new ApiError(422, 'Invalid', err.message, {});
        // kubectl prints the causes of an Invalid status, so the message must be one
        return invalid('', '', '', [{ type: 'FieldValueInvalid', field: 'patch', message: `patch: Invalid value: ${err.message}` }]);
      case 'BadRequest':
        return badRequest(err.message);
      case 'Conflict':
        if (err instanceof ApplyConflictError) {
          return new ApiError(409, 'Conflict', err.message, {
            causes: err.conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: c.message, field: c.field })),
          });
        }
        return new ApiError(409, 'Conflict', err.message);
      case 'UnsupportedMediaType':
        return new ApiError(415, 'UnsupportedMediaType', err.message);
    }
  }
  return internalError(err instanceof Error ? err.message : String(err));
}

export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      const apiErr = toApiError(err);
      // ApiErrors are answers (injected faults included); anything else is a bug worth logging
      if (!(err instanceof ApiError || err instanceof PatchError || err instanceof SelectorError)) {
        deps.logger.error({ err, url: req.url }, 'request failed');
      }
      sendStatus(res, apiErr);
    });
  };
}

async function handle(deps: RequestHandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const path = url.pathname;
  if (path === '/admin' || path.startsWith('/admin/')) return handleAdmin(deps.admin, req, res, path);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return sendJson(res, 200, { status: 'ok' });
  const m = CLUSTER_PATH.exec(path);
  if (!m) throw notFoundPath();
  const cluster = deps.clusters.get(decodeURIComponent(m[1]));
  if (!cluster) throw new ApiError(404, 'NotFound', `cluster "${m[1]}" not found`, {});
  const rest = m[2] ?? '/';

  if (cluster.faults.partition) {
    // unreachable host: the connection dies (reset) or the request is never answered (hang)
    if (cluster.faults.partition === 'reset') req.socket.destroy();
    return;
  }
  if (cluster.faults.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, cluster.faults.latencyMs));
  }
  const info = parseRequestInfo(req.method ?? 'GET', rest, url.searchParams);
  if (!info) throw notFoundPath();

  const authenticate = (token: string): Promise<UserInfo | undefined> =>
    deps.services.tokens.authenticate(
      { cluster: cluster.name, state: () => cluster.state, accessEntries: cluster.accessEntries },
      token,
    );
  const bearer = bearerTokenFromHeader(req.headers.authorization);
  // no credentials: anonymous, whom RBAC lets read /version and the health paths
  // (system:public-info-viewer) and nothing else; a token that fails is a 401
  const authenticated = bearer ? await authenticate(bearer) : anonymousUser();
  if (!authenticated) throw unauthorized();
  const user = impersonatedUser(authenticated, req, cluster);

  const injected = cluster.faults.takeFailure(info.verb, info.kind === 'resource' ? info.plural : undefined);
  if (injected) throw injected;

  const attrs = attributesOf(user, info, url.searchParams);
  const decision = decide(cluster.state, attrs);
  if (!decision.allowed) throw forbiddenError(attrs, decision);

  const ctx = contextFor(deps, req, res, url, cluster, user);
  if (info.kind === 'nonResource') return handleNonResource(ctx, info.path, () => cluster.state);
  return routeResource(ctx, info, authenticate);
}

/** `kubectl --as`: the Impersonate-* headers, each piece authorized for the real requester. */
function impersonatedUser(requester: UserInfo, req: IncomingMessage, cluster: VirtualCluster): UserInfo {
  const result = impersonate(requester, req.headers, rbacObjectsOf(cluster.state));
  switch (result.kind) {
    case 'none':
      return requester;
    case 'impersonated':
      return result.user;
    case 'forbidden':
      throw forbidden(result.message, forbiddenStatus(result.attributes).details as StatusDetails);
    case 'invalid':
      throw internalError(result.message);
  }
}

function contextFor(
  deps: RequestHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cluster: VirtualCluster,
  user: UserInfo,
): RequestContext {
  const warnings: string[] = [];
  // handlers push warnings while preparing the object; headers must be set before the body
  warnings.push = (...items: string[]): number => {
    const n = Array.prototype.push.apply(warnings, items);
    warningHeaders(res, warnings);
    return n;
  };
  return {
    req,
    res,
    query: url.searchParams,
    cluster,
    user,
    output: negotiateOutput(req.headers.accept),
    warnings,
    services: deps.services,
  };
}
