// User impersonation (`kubectl --as`, `--as-group`, `--as-uid`, `Impersonate-*` headers), as the
// API server's impersonation filter does it: every requested identity piece is authorized as the
// `impersonate` verb for the real requester; then the request continues as the new user.
import { forbiddenMessage } from './forbidden-message.ts';
import { authorize } from './rbac.ts';
import type { RbacObjects, RequestAttributes, UserInfo } from './types.ts';
import {
  GROUP_AUTHENTICATED,
  GROUP_SERVICE_ACCOUNTS,
  GROUP_UNAUTHENTICATED,
  USER_ANONYMOUS,
  parseServiceAccountUsername,
  serviceAccountUsername,
} from './user-info.ts';

/** Request headers with lower-case names, as node:http gives them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type ImpersonationResult =
  /** no Impersonate-* headers: carry on as the requester */
  | { kind: 'none' }
  | { kind: 'impersonated'; user: UserInfo }
  /** 403 with this message: the requester may not impersonate `attributes` */
  | { kind: 'forbidden'; attributes: RequestAttributes; message: string }
  /** groups, extras or uid without a user: the real server answers 500 */
  | { kind: 'invalid'; message: string };

const EXTRA_PREFIX = 'impersonate-extra-';

function headerValues(headers: RequestHeaders, name: string): string[] {
  const v = headers[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((s) => s !== '');
}

/** Extra keys are percent-encoded in header names; bad escapes are kept as written. */
function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

interface Piece {
  attributes: Omit<RequestAttributes, 'user'>;
  apply: (acc: { username: string; groups: string[]; extra: Record<string, string[]>; uid: string }) => void;
}

export function impersonate(requester: UserInfo, headers: RequestHeaders, rbac: RbacObjects): ImpersonationResult {
  const requestedUser = headerValues(headers, 'impersonate-user')[0];
  const requestedGroups = headerValues(headers, 'impersonate-group');
  const requestedUid = headerValues(headers, 'impersonate-uid')[0];
  const extras = Object.keys(headers)
    .filter((h) => h.toLowerCase().startsWith(EXTRA_PREFIX))
    .flatMap((h) => headerValues(headers, h).map((value) => ({ key: unescapeExtraKey(h.toLowerCase().slice(EXTRA_PREFIX.length)), value })));

  if (requestedUser === undefined && requestedGroups.length === 0 && requestedUid === undefined && extras.length === 0) return { kind: 'none' };
  if (requestedUser === undefined) {
    return { kind: 'invalid', message: 'requested groups, extra or uid without impersonating a user' };
  }

  const groupsSpecified = requestedGroups.length > 0;
  const pieces: Piece[] = [];
  const sa = parseServiceAccountUsername(requestedUser);
  if (sa !== undefined) {
    pieces.push({
      attributes: { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name },
      apply: (acc) => {
        acc.username = serviceAccountUsername(sa.namespace, sa.name);
        // a service account's groups are fixed, so they are implied unless groups are given
        if (!groupsSpecified) acc.groups = [GROUP_SERVICE_ACCOUNTS, `${GROUP_SERVICE_ACCOUNTS}:${sa.namespace}`];
      },
    });
  } else {
    pieces.push({
      attributes: { verb: 'impersonate', apiGroup: '', resource: 'users', name: requestedUser },
      apply: (acc) => {
        acc.username = requestedUser;
      },
    });
  }
  for (const group of requestedGroups) {
    pieces.push({ attributes: { verb: 'impersonate', apiGroup: '', resource: 'groups', name: group }, apply: (acc) => void acc.groups.push(group) });
  }
  for (const { key, value } of extras) {
    pieces.push({
      attributes: { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value },
      apply: (acc) => {
        (acc.extra[key] ??= []).push(value);
      },
    });
  }
  if (requestedUid !== undefined) {
    pieces.push({
      attributes: { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids', name: requestedUid },
      apply: (acc) => {
        acc.uid = requestedUid;
      },
    });
  }

  const acc = { username: '', groups: [] as string[], extra: {} as Record<string, string[]>, uid: '' };
  for (const piece of pieces) {
    const attributes: RequestAttributes = { user: requester, ...piece.attributes };
    const decision = authorize(attributes, rbac);
    if (!decision.allowed) return { kind: 'forbidden', attributes, message: forbiddenMessage(attributes, decision.reason) };
    piece.apply(acc);
  }

  if (acc.username !== USER_ANONYMOUS) {
    if (!acc.groups.includes(GROUP_AUTHENTICATED) && !acc.groups.includes(GROUP_UNAUTHENTICATED)) acc.groups.push(GROUP_AUTHENTICATED);
  } else if (!acc.groups.includes(GROUP_UNAUTHENTICATED)) {
    acc.groups.push(GROUP_UNAUTHENTICATED);
  }
  const user: UserInfo = { username: acc.username, groups: acc.groups, extra: acc.extra };
  if (acc.uid !== '') user.uid = acc.uid;
  return { kind: 'impersonated', user };
}
