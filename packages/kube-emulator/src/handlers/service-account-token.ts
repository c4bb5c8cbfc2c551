// POST serviceaccounts/<name>/token (TokenRequest), what `kubectl create token` calls.
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { notFound } from '../server/api-error.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';
import { metadataOf } from '../store/object-meta.ts';

export function handleTokenRequest(ctx: ResourceContext, body: JsonObject): void {
  const name = ctx.name ?? '';
  const account = ctx.state.get(ctx.type, ctx.namespace, name);
  if (!account) throw notFound('', 'serviceaccounts', name);
  const spec = isJsonObject(body.spec) ? body.spec : {};
  const expirationSeconds = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : 3600;
  const audiences = Array.isArray(spec.audiences) ? spec.audiences.filter((a): a is string => typeof a === 'string') : undefined;
  const issued = ctx.services.tokens.issueServiceAccountToken(ctx.cluster.name, ctx.namespace, name, metadataOf(account).uid ?? '', {
    expirationSeconds,
    ...(audiences?.length ? { audiences } : {}),
  });
  sendJson(ctx.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ctx.namespace, creationTimestamp: null },
    spec: { ...spec, expirationSeconds, ...(audiences?.length ? {} : { audiences: ['https://kubernetes.default.svc.cluster.local'] }) },
    status: { token: issued.token, expirationTimestamp: issued.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z') },
  });
}
