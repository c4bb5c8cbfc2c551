import { createHash } from 'node:crypto';
import { checkDnsLabel, checkLatticeName, LATTICE_NAME_BOUNDS, type NameProblem } from './rules.ts';

/**
 * Tenant names become the namespace `tenant-<name>` (≤ 63) and the service network
 * `trellis-<name>` (≤ 63, no double hyphen), so they are short DNS labels without `--`.
 */
export const TENANT_NAME_MAX = 40;
/** Cluster names appear in target group names and Kubernetes object names. */
export const CLUSTER_NAME_MAX = 40;

export function checkTenantName(name: string): NameProblem[] {
  const problems = checkDnsLabel(name, TENANT_NAME_MAX);
  if (name.length === 1) problems.push({ message: 'must be at least 2 characters long' });
  if (name.includes('--')) problems.push({ message: 'must not contain two hyphens in a row' });
  return problems;
}

export function checkClusterName(name: string): NameProblem[] {
  const problems = checkDnsLabel(name, CLUSTER_NAME_MAX);
  if (name.includes('--')) problems.push({ message: 'must not contain two hyphens in a row' });
  return problems;
}

/** The management-cluster namespace holding a tenant's clusters, migrations and schedules. */
export function tenantNamespace(tenant: string): string {
  return `tenant-${tenant}`;
}

/** The tenant a namespace belongs to, or undefined for namespaces Trellis does not own. */
export function tenantOfNamespace(namespace: string): string | undefined {
  return namespace.startsWith('tenant-') ? namespace.slice('tenant-'.length) : undefined;
}

export function defaultServiceNetworkName(tenant: string): string {
  return `trellis-${tenant}`;
}

export function checkServiceNetworkName(name: string): NameProblem[] {
  return checkLatticeName(name, LATTICE_NAME_BOUNDS.serviceNetwork);
}

/** A short, stable digest used to keep truncated names unique. */
export function shortHash(input: string, length = 8): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}

/** Lowercase, map anything outside [a-z0-9] to '-', squeeze and trim hyphens. */
function latticeSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Fit `parts` into a Lattice name of at most `max` characters: joined with '-', sanitised, and
 * always suffixed with a hash of the unsanitised parts, so two different inputs never share a name
 * even when sanitising or truncation makes their readable prefixes equal.
 */
function fitLatticeName(parts: string[], max: number, reservedPrefix: string): string {
  const hash = shortHash(parts.join('/'));
  let readable = latticeSafe(parts.join('-'));
  if (readable.startsWith(reservedPrefix)) readable = `x-${readable}`;
  readable = readable.slice(0, max - hash.length - 1).replace(/-+$/, '');
  return readable.length > 0 ? `${readable}-${hash}` : `t-${hash}`;
}

/** The Lattice service for an exported (namespace, name): deterministic, valid, ≤ 40 chars. */
export function latticeServiceName(namespace: string, name: string): string {
  return fitLatticeName([name, namespace], LATTICE_NAME_BOUNDS.service.max, 'svc-');
}

/** The target group of one cluster's endpoints for one exported service port. */
export function targetGroupName(
  cluster: string,
  namespace: string,
  name: string,
  port: number,
): string {
  return fitLatticeName(
    [name, namespace, cluster, String(port)],
    LATTICE_NAME_BOUNDS.targetGroup.max,
    'tg-',
  );
}

/** A listener name for an exported port. */
export function listenerName(protocol: string, port: number): string {
  return `${protocol.toLowerCase()}-${port}`;
}
