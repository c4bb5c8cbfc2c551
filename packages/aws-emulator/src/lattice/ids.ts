// Lattice resource IDs and ARNs. IDs are a prefix and 17 characters of [0-9a-z] (the model's
// patterns); AWS hands out hex in that space, so we do too. ARNs follow the model's ARN shapes.
import { createHash, randomBytes } from 'node:crypto';

export type ResourceKind =
  | 'servicenetwork'
  | 'service'
  | 'listener'
  | 'rule'
  | 'targetgroup'
  | 'servicenetworkserviceassociation'
  | 'servicenetworkvpcassociation'
  | 'accesslogsubscription';

export const ID_PREFIX: Record<ResourceKind, string> = {
  servicenetwork: 'sn',
  service: 'svc',
  listener: 'listener',
  rule: 'rule',
  targetgroup: 'tg',
  servicenetworkserviceassociation: 'snsa',
  servicenetworkvpcassociation: 'snva',
  accesslogsubscription: 'als',
};

export function newId(kind: ResourceKind): string {
  return `${ID_PREFIX[kind]}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

export function idPattern(kind: ResourceKind): RegExp {
  return new RegExp(`^${ID_PREFIX[kind]}-[0-9a-z]{17}$`);
}

export interface ArnParts {
  region: string;
  accountId: string;
  kind: ResourceKind;
  /** the resource's own ID (the last path element) */
  id: string;
  /** for listeners and rules: the service ID; for rules also the listener ID */
  serviceId?: string;
  listenerId?: string;
}

export function buildArn(region: string, accountId: string, resource: string): string {
  return `arn:aws:vpc-lattice:${region}:${accountId}:${resource}`;
}

const ARN_RE = /^arn:[a-z0-9-]+:vpc-lattice:([a-z0-9-]+):(\d{12}):(.+)$/;

/** Parse a Lattice ARN, or undefined when it is not one of ours. */
export function parseArn(arn: string): ArnParts | undefined {
  const m = ARN_RE.exec(arn);
  if (!m) return undefined;
  const [, region, accountId, resource] = m as unknown as [string, string, string, string];
  const parts = resource.split('/');
  const top = parts[0];
  const id0 = parts[1];
  if (id0 === undefined) return undefined;
  const simple: ResourceKind[] = [
    'servicenetwork',
    'targetgroup',
    'servicenetworkserviceassociation',
    'servicenetworkvpcassociation',
    'accesslogsubscription',
  ];
  for (const kind of simple) {
    if (top === kind && parts.length === 2 && idPattern(kind).test(id0))
      return { region, accountId, kind, id: id0 };
  }
  if (top !== 'service' || !idPattern('service').test(id0)) return undefined;
  if (parts.length === 2) return { region, accountId, kind: 'service', id: id0 };
  const listenerId = parts[3];
  if (
    parts[2] !== 'listener' ||
    listenerId === undefined ||
    !idPattern('listener').test(listenerId)
  )
    return undefined;
  if (parts.length === 4)
    return { region, accountId, kind: 'listener', id: listenerId, serviceId: id0 };
  const ruleId = parts[5];
  if (
    parts.length === 6 &&
    parts[4] === 'rule' &&
    ruleId !== undefined &&
    idPattern('rule').test(ruleId)
  ) {
    return { region, accountId, kind: 'rule', id: ruleId, serviceId: id0, listenerId };
  }
  return undefined;
}

/**
 * The per-account, per-region label in a service's generated DNS name
 * (`<name>-<id>.<label>.vpc-lattice-svcs.<region>.on.aws`): 7 hex characters in AWS, stable for an
 * account and region. Derived from a hash so it is deterministic across restarts.
 */
export function dnsLabel(accountId: string, region: string): string {
  return createHash('sha256').update(`${accountId}/${region}`).digest('hex').slice(0, 7);
}

/** Route 53 hosted zone ID of the regional Lattice DNS zone (one per region in AWS). */
export function hostedZoneId(region: string): string {
  const digest = createHash('sha256').update(`vpc-lattice-svcs/${region}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = 'Z';
  for (let i = 0; i < 20; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}
