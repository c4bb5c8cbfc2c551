// EKS bearer tokens (`k8s-aws-v1.` + base64url presigned sts:GetCallerIdentity URL): the verifier
// (built by the AWS emulator) resolves the caller; access entries map it to a Kubernetes user the
// way EKS does (aws-iam-authenticator's mapping and templates).
import { canonicalPrincipalArn, parseAwsPrincipalArn } from './aws-principal-arn.ts';
import type { AccessEntry, EksCallerIdentity, EksTokenVerifier, UserInfo } from './types.ts';
import { withAuthenticatedGroup } from './user-info.ts';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';

export interface EksAuthOptions {
  verifier: EksTokenVerifier;
  clusterName: string;
  /** read on every request, so entries created or deleted later take effect at once */
  accessEntries: () => AccessEntry[];
}

export function isEksToken(token: string): boolean {
  return token.startsWith(EKS_TOKEN_PREFIX);
}

/**
 * Finds the access entry of a caller. Roles match by account and role name, ignoring the path:
 * an access entry may name `role/dev/apps/my-role` while the session ARN only says
 * `assumed-role/my-role/...` (role names are unique per account, so this is exact).
 * Everything else matches by its ARN.
 */
export function findAccessEntry(callerArn: string, entries: readonly AccessEntry[]): AccessEntry | undefined {
  const caller = parseAwsPrincipalArn(callerArn);
  if (caller?.kind === 'assumed-role' || caller?.kind === 'role') {
    return entries.find((e) => {
      const p = parseAwsPrincipalArn(e.principalArn);
      return p?.kind === 'role' && p.partition === caller.partition && p.accountId === caller.accountId && p.roleName === caller.roleName;
    });
  }
  return entries.find((e) => e.principalArn === callerArn);
}

/** EKS's generated username when the entry has none. */
function defaultUsername(entry: AccessEntry): string {
  const p = parseAwsPrincipalArn(entry.principalArn);
  if (p?.kind === 'role') return `arn:${p.partition}:sts::${p.accountId}:assumed-role/${p.roleName}/{{SessionName}}`;
  return entry.principalArn;
}

/** The ARN the caller presented: the session ARN when the verifier reports it separately. */
function callerArnOf(identity: EksCallerIdentity): string {
  return identity.sessionArn ?? identity.arn;
}

function sessionNameOf(identity: EksCallerIdentity): string {
  if (identity.sessionName !== undefined) return identity.sessionName;
  const p = parseAwsPrincipalArn(callerArnOf(identity));
  return p?.kind === 'assumed-role' ? p.sessionName : '';
}

/** aws-iam-authenticator renderTemplate: {{SessionName}} turns `@` into `-`, {{SessionNameRaw}} does not. */
export function renderEksTemplate(template: string, identity: EksCallerIdentity): string {
  const session = sessionNameOf(identity);
  return template
    .replaceAll('{{AccountID}}', identity.accountId)
    .replaceAll('{{SessionName}}', session.replaceAll('@', '-'))
    .replaceAll('{{SessionNameRaw}}', session)
    .replaceAll('{{AccessKeyID}}', identity.accessKeyId ?? '');
}

/** The Kubernetes user of a verified caller, or undefined when no access entry maps it (→ 401, as on EKS). */
export function eksUserFor(identity: EksCallerIdentity, entries: readonly AccessEntry[]): UserInfo | undefined {
  const entry = findAccessEntry(callerArnOf(identity), entries);
  if (entry === undefined) return undefined;
  const username = renderEksTemplate(entry.username === '' ? defaultUsername(entry) : entry.username, identity);
  const user: UserInfo = {
    username,
    groups: entry.groups.map((g) => renderEksTemplate(g, identity)),
    extra: {
      arn: [callerArnOf(identity)],
      canonicalArn: [canonicalPrincipalArn(callerArnOf(identity))],
      sessionName: [sessionNameOf(identity)],
      accessKeyId: [identity.accessKeyId ?? ''],
      principalId: [identity.userId ?? ''],
    },
  };
  if (identity.userId !== undefined) user.uid = `aws-iam-authenticator:${identity.accountId}:${identity.userId}`;
  return withAuthenticatedGroup(user);
}

/**
 * Verifies an EKS token and maps it. Any verifier failure — bad signature, expired, wrong
 * cluster, a thrown error — is just "unauthenticated": the reason never reaches the client.
 */
export async function authenticateEksToken(token: string, eks: EksAuthOptions): Promise<UserInfo | undefined> {
  let identity: EksCallerIdentity;
  try {
    identity = await eks.verifier.verify(token, eks.clusterName);
  } catch {
    return undefined;
  }
  return eksUserFor(identity, eks.accessEntries());
}
