// IAM / STS principal ARNs as GetCallerIdentity and EKS access entries spell them.

export type AwsPrincipal =
  | { kind: 'assumed-role'; partition: string; accountId: string; roleName: string; sessionName: string }
  | { kind: 'role'; partition: string; accountId: string; roleName: string; path: string }
  | { kind: 'user'; partition: string; accountId: string; userName: string; path: string }
  | { kind: 'root'; partition: string; accountId: string }
  | { kind: 'federated-user'; partition: string; accountId: string; userName: string };

const ARN = /^arn:([a-z0-9-]+):(iam|sts)::(\d{12}):(.+)$/;

/** `/a/b/` style path and final name from `role/a/b/name` (after the type prefix). */
function splitPath(resource: string): { path: string; name: string } {
  const segments = resource.split('/');
  const name = segments.pop() ?? '';
  return { path: segments.length === 0 ? '/' : `/${segments.join('/')}/`, name };
}

export function parseAwsPrincipalArn(arn: string): AwsPrincipal | undefined {
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const [, partition, service, accountId, resource] = m as unknown as [string, string, string, string, string];
  if (service === 'sts') {
    const assumed = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (assumed !== null) {
      return { kind: 'assumed-role', partition, accountId, roleName: assumed[1], sessionName: assumed[2] };
    }
    const federated = /^federated-user\/(.+)$/.exec(resource);
    if (federated !== null) return { kind: 'federated-user', partition, accountId, userName: federated[1] };
    return undefined;
  }
  if (resource === 'root') return { kind: 'root', partition, accountId };
  if (resource.startsWith('role/')) {
    const { path, name } = splitPath(resource.slice('role/'.length));
    return name === '' ? undefined : { kind: 'role', partition, accountId, roleName: name, path };
  }
  if (resource.startsWith('user/')) {
    const { path, name } = splitPath(resource.slice('user/'.length));
    return name === '' ? undefined : { kind: 'user', partition, accountId, userName: name, path };
  }
  return undefined;
}

/**
 * aws-iam-authenticator's canonical ARN: an assumed-role session becomes its role
 * (`arn:aws:iam::<acct>:role/<role>`, without path — the session ARN carries none); other
 * principals stay as they are.
 */
export function canonicalPrincipalArn(arn: string): string {
  const p = parseAwsPrincipalArn(arn);
  if (p === undefined) return arn;
  if (p.kind === 'assumed-role' || p.kind === 'role') return `arn:${p.partition}:iam::${p.accountId}:role/${p.roleName}`;
  return arn;
}
