// The review APIs: answered on create, never stored (SelfSubjectAccessReview for
// `kubectl auth can-i`, SubjectAccessReview, SelfSubjectReview for `kubectl auth whoami`,
// TokenReview, SelfSubjectRulesReview).
import type { UserInfo, RequestAttributes } from '../auth/index.ts';
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { apiVersionOf } from '../cluster/object-prep.ts';
import { badRequest } from '../server/api-error.ts';
import { decide, rbacObjectsOf } from '../server/authorization.ts';
import { rulesReviewFor } from '../auth/index.ts';
import type { ResourceContext } from '../server/request-context.ts';
import { sendJson } from '../server/responses.ts';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function attributesFromSpec(user: UserInfo, spec: JsonObject): RequestAttributes {
  const resource = isJsonObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nonResource = isJsonObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  if (resource) {
    return {
      user,
      verb: str(resource.verb),
      apiGroup: str(resource.group),
      resource: str(resource.resource),
      ...(str(resource.subresource) ? { subresource: str(resource.subresource) } : {}),
      ...(str(resource.namespace) ? { namespace: str(resource.namespace) } : {}),
      ...(str(resource.name) ? { name: str(resource.name) } : {}),
    };
  }
  if (nonResource) return { user, verb: str(nonResource.verb), apiGroup: '', resource: '', nonResourcePath: str(nonResource.path) };
  throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

function userInfoJson(user: UserInfo): JsonObject {
  return {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    groups: user.groups,
    ...(user.extra ? { extra: user.extra } : {}),
  };
}

export async function handleReview(
  ctx: ResourceContext,
  body: JsonObject,
  authenticate: (token: string) => Promise<UserInfo | undefined>,
): Promise<void> {
  const spec = isJsonObject(body.spec) ? body.spec : {};
  const base: JsonObject = {
    kind: ctx.type.kind,
    apiVersion: apiVersionOf(ctx.type),
    metadata: { creationTimestamp: null },
  };
  let status: JsonObject;
  switch (ctx.type.plural) {
    case 'selfsubjectaccessreviews':
    case 'subjectaccessreviews': {
      const user: UserInfo =
        ctx.type.plural === 'selfsubjectaccessreviews'
          ? ctx.user
          : {
              username: str(spec.user),
              groups: Array.isArray(spec.groups) ? spec.groups.map(str) : [],
              ...(str(spec.uid) ? { uid: str(spec.uid) } : {}),
            };
      const decision = decide(ctx.state, attributesFromSpec(user, spec));
      status = { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
      break;
    }
    case 'selfsubjectreviews':
      status = { userInfo: userInfoJson(ctx.user) };
      break;
    case 'tokenreviews': {
      const user = await authenticate(str(spec.token));
      status = user ? { authenticated: true, user: userInfoJson(user) } : { authenticated: false, user: {} };
      break;
    }
    default: {
      const namespace = str(spec.namespace);
      status = rulesReviewFor(ctx.user, namespace, rbacObjectsOf(ctx.state)) as unknown as JsonObject;
    }
  }
  sendJson(ctx.res, 201, { ...base, spec, status });
}
