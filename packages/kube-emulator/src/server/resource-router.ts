// Dispatches a resource request (already authenticated and authorized) to its handler.
import type { UserInfo } from '../auth/index.ts';
import { isReviewType } from '../resources/builtins.ts';
import { handleCreate } from '../handlers/create.ts';
import { handleDelete, handleDeleteCollection } from '../handlers/delete.ts';
import { handlePatch } from '../handlers/patch.ts';
import { handleGet, handleList } from '../handlers/read.ts';
import { handleReview } from '../handlers/reviews.ts';
import { handleScale } from '../handlers/scale.ts';
import { handleTokenRequest } from '../handlers/service-account-token.ts';
import { handleNamespaceFinalize } from '../handlers/namespace-finalize.ts';
import { handleUpdate } from '../handlers/update.ts';
import { handleWatch } from '../handlers/watch.ts';
import { methodNotAllowed, notFoundPath } from './api-error.ts';
import type { RequestContext, ResourceContext } from './request-context.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import { decodeObject, mediaTypeOf, readBody } from './request-body.ts';

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export async function routeResource(
  base: RequestContext,
  info: ResourceRequestInfo,
  authenticate: (token: string) => Promise<UserInfo | undefined>,
): Promise<void> {
  const state = base.cluster.state;
  const type = state.types.find(info.group, info.version, info.plural);
  if (!type) throw notFoundPath();
  if (!type.namespaced && info.namespace) throw notFoundPath();
  if (type.namespaced && !info.namespace && info.name) throw notFoundPath();
  const ctx: ResourceContext = {
    ...base,
    state,
    type,
    namespace: type.namespaced ? info.namespace : '',
    name: info.name,
    subresource: info.subresource,
    verb: info.verb,
  };
  const body = WRITE_VERBS.has(info.verb) ? await readBody(ctx.req) : Buffer.alloc(0);
  const mediaType = mediaTypeOf(ctx.req);

  if (info.subresource) {
    await routeSubresource(ctx, info.subresource, mediaType, body);
    return;
  }
  if (!type.verbs.includes(info.verb)) throw methodNotAllowed();
  if ((info.verb === 'update' || info.verb === 'patch') && !info.name) throw methodNotAllowed();
  if (type.namespaced && !info.namespace && (info.verb === 'create' || info.verb === 'deletecollection')) {
    throw methodNotAllowed();
  }
  switch (info.verb) {
    case 'get':
      return handleGet(ctx);
    case 'list':
      return handleList(ctx);
    case 'watch':
      return handleWatch(ctx);
    case 'create':
      if (info.name) throw methodNotAllowed();
      if (isReviewType(type)) return handleReview(ctx, decodeObject(body, mediaType), authenticate);
      return handleCreate(ctx, decodeObject(body, mediaType));
    case 'update':
      return handleUpdate(ctx, decodeObject(body, mediaType));
    case 'patch':
      return handlePatch(ctx, mediaType, body.toString('utf8'));
    case 'delete':
      return handleDelete(ctx, body, mediaType);
    case 'deletecollection':
      return handleDeleteCollection(ctx, body, mediaType);
    default:
      throw methodNotAllowed();
  }
}

async function routeSubresource(ctx: ResourceContext, subresource: string, mediaType: string, body: Buffer): Promise<void> {
  const text = body.toString('utf8');
  const { type, verb } = ctx;
  if (subresource === 'status' && type.subresources.status) {
    if (verb === 'get') return handleGet(ctx);
    if (verb === 'update') return handleUpdate(ctx, decodeObject(body, mediaType));
    if (verb === 'patch') return handlePatch(ctx, mediaType, body.toString('utf8'));
    throw methodNotAllowed();
  }
  if (subresource === 'scale' && type.subresources.scale) {
    if (verb === 'get' || verb === 'update' || verb === 'patch') return handleScale(ctx, mediaType, text);
    throw methodNotAllowed();
  }
  if (subresource === 'token' && !type.custom && type.group === '' && type.plural === 'serviceaccounts') {
    if (verb === 'create') return handleTokenRequest(ctx, decodeObject(body, mediaType));
    throw methodNotAllowed();
  }
  if (subresource === 'finalize' && !type.custom && type.group === '' && type.plural === 'namespaces') {
    if (verb === 'update') return handleNamespaceFinalize(ctx, decodeObject(body, mediaType));
    throw methodNotAllowed();
  }
  await Promise.resolve();
  throw notFoundPath();
}
