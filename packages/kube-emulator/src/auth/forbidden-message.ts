// The 401 and 403 Status bodies of kube-apiserver (endpoints/handlers/responsewriters/errors.go
// and apimachinery's NewForbidden), word for word, because clients print them as they are.
import type { JsonObject } from '../json.ts';
import type { RequestAttributes } from './types.ts';

const quote = (s: string): string => JSON.stringify(s);

/** responsewriters.forbiddenMessage: what the user cannot do. */
export function forbiddenDetail(attrs: RequestAttributes): string {
  const username = quote(attrs.user.username);
  if (attrs.nonResourcePath !== undefined) {
    return `User ${username} cannot ${attrs.verb} path ${quote(attrs.nonResourcePath)}`;
  }
  const subresource = attrs.subresource ?? '';
  const resource = subresource === '' ? attrs.resource : `${attrs.resource}/${subresource}`;
  const namespace = attrs.namespace ?? '';
  const scope = namespace === '' ? 'at the cluster scope' : `in the namespace ${quote(namespace)}`;
  return `User ${username} cannot ${attrs.verb} resource ${quote(resource)} in API group ${quote(attrs.apiGroup)} ${scope}`;
}

/** schema.GroupResource.String(): `pods`, `deployments.apps` */
function qualifiedResource(attrs: RequestAttributes): string {
  return attrs.apiGroup === '' ? attrs.resource : `${attrs.resource}.${attrs.apiGroup}`;
}

/**
 * The message of the 403 Status: `pods is forbidden: ...`, `pods "web" is forbidden: ...`,
 * `deployments.apps "web" is forbidden: ...`, `forbidden: User "x" cannot get path "/foo"`, with
 * the authorizer's reason appended after `: ` when there is one.
 */
export function forbiddenMessage(attrs: RequestAttributes, reason?: string): string {
  const detail = reason === undefined || reason === '' ? forbiddenDetail(attrs) : `${forbiddenDetail(attrs)}: ${reason}`;
  if (attrs.nonResourcePath !== undefined) return `forbidden: ${detail}`;
  const name = attrs.name ?? '';
  const subject = name === '' ? qualifiedResource(attrs) : `${qualifiedResource(attrs)} ${quote(name)}`;
  return `${subject} is forbidden: ${detail}`;
}

/** The complete 403 body (a metav1.Status). */
export function forbiddenStatus(attrs: RequestAttributes, reason?: string): JsonObject {
  const details: JsonObject = {};
  if (attrs.nonResourcePath === undefined) {
    if ((attrs.name ?? '') !== '') details.name = attrs.name ?? '';
    if (attrs.apiGroup !== '') details.group = attrs.apiGroup;
    details.kind = attrs.resource;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: forbiddenMessage(attrs, reason),
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

/** The 401 body for a missing, unknown or invalid token. */
export function unauthorizedStatus(): JsonObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
}
