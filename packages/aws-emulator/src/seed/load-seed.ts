// Reads a seed (YAML or JSON file, or an object), validates it against SeedSchema and applies it
// to the identity and EKS stores. Every problem is reported with its location.
import { readFile } from 'node:fs/promises';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';
import type { EksClusterStore } from '../eks/eks-cluster-store.ts';
import { IdentityConfigError } from '../identity/identity-store.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import { MalformedPolicyError } from '../identity/trust-policy.ts';
import type { Seed } from './seed-schema.ts';
import { SeedSchema } from './seed-schema.ts';

export class SeedValidationError extends Error {
  readonly issues: string[];

  constructor(source: string, issues: string[]) {
    super(`invalid seed ${source}:\n  ${issues.join('\n  ')}`);
    this.name = 'SeedValidationError';
    this.issues = issues;
  }
}

export async function readSeedFile(path: string): Promise<Seed> {
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    // YAML is a superset of JSON: one parser for both.
    data = parseYaml(text);
  } catch (error) {
    throw new SeedValidationError(path, [`not valid YAML/JSON: ${(error as Error).message}`]);
  }
  return validateSeed(data, path);
}

/**
 * Validates a seed and returns a deep copy of it, so nothing the emulator keeps aliases the
 * caller's objects. The copy drops `$source` from access keys: AWS SDK v3 clients write it onto the
 * credentials object they are given, which is often the very key object of a test's seed, and the
 * seed must stay valid for the next emulator started with it.
 */
export function validateSeed(input: unknown, source = '(inline)'): Seed {
  let data: unknown;
  try {
    data = structuredClone(input);
  } catch (error) {
    throw new SeedValidationError(source, [`/: not plain data (${(error as Error).message})`]);
  }
  dropSdkAnnotations(data);
  if (Value.Check(SeedSchema, data)) return data;
  const issues = [...Value.Errors(SeedSchema, data)]
    // 'schema is false' repeats the additionalProperties error at the offending key
    .filter((error) => error.message !== 'schema is false')
    .map((error) => `${error.instancePath === '' ? '/' : error.instancePath}: ${describe(error)}`);
  throw new SeedValidationError(source, [...new Set(issues)]);
}

function dropSdkAnnotations(seed: unknown): void {
  for (const account of arrayAt(seed, 'accounts')) {
    const users = arrayAt(account, 'users');
    for (const key of [...arrayAt(account, 'rootAccessKeys'), ...users.flatMap((user) => arrayAt(user, 'accessKeys'))]) {
      if (isRecord(key)) delete key['$source'];
    }
  }
}

function arrayAt(value: unknown, key: string): unknown[] {
  const member = isRecord(value) ? value[key] : undefined;
  return Array.isArray(member) ? (member as unknown[]) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describe(error: { message: string; keyword: string; params: unknown }): string {
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties;
    if (extra) return `unknown field(s) ${extra.map((k) => `'${k}'`).join(', ')}`;
  }
  return error.message;
}

/** Applies a validated seed. Cross-references (VPCs, org members) are checked here. */
export function applySeed(seed: Seed, identity: IdentityStore, clusters: EksClusterStore, source = '(inline)'): void {
  const issues: string[] = [];
  const attempt = (where: string, action: () => void): void => {
    try {
      action();
    } catch (error) {
      if (error instanceof IdentityConfigError || error instanceof MalformedPolicyError) issues.push(`${where}: ${error.message}`);
      else throw error;
    }
  };
  seed.accounts.forEach((account) => attempt(`/accounts/${account.id}`, () => identity.addAccount(account)));
  seed.accounts.forEach((account, a) => {
    const at = `/accounts/${a}`;
    account.rootAccessKeys?.forEach((key, k) =>
      attempt(`${at}/rootAccessKeys/${k}`, () => identity.addAccessKey({ rootOf: account.id }, key)),
    );
    account.users?.forEach((userSeed, u) =>
      attempt(`${at}/users/${u}`, () => {
        const user = identity.addUser({ accountId: account.id, name: userSeed.name, path: userSeed.path });
        for (const key of userSeed.accessKeys ?? []) identity.addAccessKey({ userArn: user.arn }, key);
      }),
    );
    account.roles?.forEach((role, r) => attempt(`${at}/roles/${r}`, () => identity.addRole({ ...role, accountId: account.id })));
    account.vpcs?.forEach((vpc, v) => attempt(`${at}/vpcs/${v}`, () => identity.addVpc({ ...vpc, accountId: account.id })));
  });
  seed.accounts.forEach((account, a) => {
    account.eksClusters?.forEach((cluster, c) =>
      attempt(`/accounts/${a}/eksClusters/${c}`, () => {
        const owner = identity.findVpc(cluster.vpcId)?.accountId;
        if (owner !== undefined && owner !== account.id) {
          throw new IdentityConfigError(`VPC ${cluster.vpcId} belongs to account ${owner}, not ${account.id}`);
        }
        if (owner === undefined && !identity.implicit) {
          throw new IdentityConfigError(`VPC ${cluster.vpcId} is not declared under this account's vpcs`);
        }
        clusters.add({
          ...cluster,
          accountId: account.id,
          createdAt: cluster.createdAt === undefined ? undefined : new Date(cluster.createdAt),
        });
      }),
    );
  });
  seed.organizations?.forEach((org, o) =>
    attempt(`/organizations/${o}`, () =>
      identity.addOrganization({
        id: org.id,
        accountIds: org.accounts,
        ramSharingEnabled: org.ramSharingEnabled ?? true,
        ...(org.managementAccount === undefined ? {} : { managementAccountId: org.managementAccount }),
        ...(org.organizationalUnits === undefined
          ? {}
          : { organizationalUnits: org.organizationalUnits.map((ou) => ({ id: ou.id, accountIds: ou.accounts })) }),
      }),
    ),
  );
  if (issues.length > 0) throw new SeedValidationError(source, issues);
}
