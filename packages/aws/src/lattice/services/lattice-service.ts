// The Lattice service of one multi-cluster service, in the account that owns its target groups.
// Found by name among the account's own services (shared-in services are listed too and skipped);
// a same-named service without our tags is a conflict, never adopted.
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  GetServiceCommand,
  paginateListServiceNetworkServiceAssociations,
  paginateListServices,
  UpdateServiceCommand,
  type AuthType,
  type ServiceSummary,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall, AwsCallError, errorCode } from '../../clients/aws-errors.ts';
import type { LatticeInventory } from './inventory.ts';
import { accountOfArn, carriesTags, requestToken, tagsOf, type IsOwned } from './resource-tags.ts';

export interface LatticeServiceIntent {
  /** the account the client acts in: only its own services are candidates */
  accountId: string;
  name: string;
  authType: AuthType;
  /** ownership tags, written on create and required on an existing service of that name */
  tags: Record<string, string>;
  clientToken: string;
}

export interface LatticeServiceState {
  id: string;
  arn: string;
  /** the generated DNS name (what ServiceImports announce) */
  dnsName: string;
  status: string;
  created: boolean;
  /** what this call changed; empty at steady state */
  changes: ('created' | 'authType')[];
}

/** A service of the wanted name exists in the account but does not carry our tags. */
export class LatticeServiceConflictError extends Error {
  readonly serviceName: string;
  readonly arn: string;
  readonly accountId: string;

  constructor(serviceName: string, arn: string, accountId: string) {
    super(
      `a VPC Lattice service named ${serviceName} already exists in account ${accountId} (${arn}) and is not managed by this Trellis hub for this export; rename or delete it, or set another Lattice service name on the export`,
    );
    this.name = 'LatticeServiceConflictError';
    this.serviceName = serviceName;
    this.arn = arn;
    this.accountId = accountId;
  }
}

export interface LatticeServiceSummary {
  id: string;
  arn: string;
  name: string;
  dnsName: string;
  status: string;
}

/**
 * The account's own service of that name (shared-in services are skipped), if any: from the
 * inventory's listing when one is given, else from a fresh listing.
 */
export async function findLatticeServiceByName(
  lattice: VPCLatticeClient,
  accountId: string,
  name: string,
  inventory?: LatticeInventory,
): Promise<LatticeServiceSummary | undefined> {
  const match = (s: ServiceSummary): LatticeServiceSummary | undefined =>
    s.name === name && s.id && s.arn && accountOfArn(s.arn) === accountId
      ? {
          id: s.id,
          arn: s.arn,
          name,
          dnsName: s.dnsEntry?.domainName ?? '',
          status: s.status ?? 'UNKNOWN',
        }
      : undefined;
  if (inventory !== undefined) {
    for (const s of await inventory.services()) {
      const found = match(s);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return awsCall('ListServices', async () => {
    for await (const page of paginateListServices({ client: lattice }, {})) {
      for (const s of page.items ?? []) {
        const found = match(s);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  });
}

/**
 * Converge the Lattice service: create it (idempotently) or find ours by name, then its auth
 * type. No mutating call when nothing differs.
 */
export async function ensureLatticeService(
  lattice: VPCLatticeClient,
  intent: LatticeServiceIntent,
  inventory?: LatticeInventory,
): Promise<LatticeServiceState> {
  const existing = await findLatticeServiceByName(
    lattice,
    intent.accountId,
    intent.name,
    inventory,
  );
  if (existing === undefined) {
    const request = { name: intent.name, authType: intent.authType, tags: intent.tags };
    const out = await awsCall('CreateService', () =>
      lattice.send(
        new CreateServiceCommand({
          ...request,
          clientToken: requestToken(intent.clientToken, request),
        }),
      ),
    );
    await inventory?.rememberService({
      id: out.id!,
      arn: out.arn!,
      name: intent.name,
      status: out.status ?? 'CREATE_IN_PROGRESS',
      ...(out.dnsEntry !== undefined ? { dnsEntry: out.dnsEntry } : {}),
    });
    return {
      id: out.id!,
      arn: out.arn!,
      dnsName: out.dnsEntry?.domainName ?? '',
      status: out.status ?? 'CREATE_IN_PROGRESS',
      created: true,
      changes: ['created'],
    };
  }
  const tags = await tagsOf(lattice, existing.arn);
  if (!carriesTags(tags, intent.tags)) {
    throw new LatticeServiceConflictError(intent.name, existing.arn, intent.accountId);
  }
  const current = await awsCall('GetService', () =>
    lattice.send(new GetServiceCommand({ serviceIdentifier: existing.id })),
  );
  const changes: LatticeServiceState['changes'] = [];
  if (current.authType !== intent.authType) {
    await awsCall('UpdateService', () =>
      lattice.send(
        new UpdateServiceCommand({ serviceIdentifier: existing.id, authType: intent.authType }),
      ),
    );
    changes.push('authType');
  }
  return {
    id: existing.id,
    arn: existing.arn,
    dnsName: current.dnsEntry?.domainName ?? existing.dnsName,
    status: current.status ?? existing.status,
    created: false,
    changes,
  };
}

export type DeleteServiceResult =
  | { result: 'deleted' | 'absent' | 'not-owned' }
  /** associations with service networks remain: delete them first (or wait for them to go) */
  | { result: 'associated'; associationIds: string[] };

/**
 * Delete the service (Lattice deletes its listeners and rules with it) if it carries our tags.
 * Refuses while it is still associated with a service network: delete the association first;
 * when AWS still reports a deleting association as a conflict, the answer is 'associated' too, so
 * the caller requeues instead of failing.
 */
export async function deleteOwnedLatticeService(
  lattice: VPCLatticeClient,
  target: { accountId: string; name: string },
  isOwned: IsOwned,
): Promise<DeleteServiceResult> {
  const existing = await findLatticeServiceByName(lattice, target.accountId, target.name);
  if (existing === undefined) return { result: 'absent' };
  if (!isOwned(await tagsOf(lattice, existing.arn))) return { result: 'not-owned' };
  const associations = await awsCall('ListServiceNetworkServiceAssociations', async () => {
    const items: { id: string; status: string }[] = [];
    const pages = paginateListServiceNetworkServiceAssociations(
      { client: lattice },
      { serviceIdentifier: existing.id },
    );
    for await (const page of pages) {
      for (const a of page.items ?? []) if (a.id) items.push({ id: a.id, status: a.status ?? '' });
    }
    return items;
  });
  const live = associations.filter((a) => a.status !== 'DELETE_IN_PROGRESS');
  if (live.length > 0) return { result: 'associated', associationIds: live.map((a) => a.id) };
  try {
    await lattice.send(new DeleteServiceCommand({ serviceIdentifier: existing.id }));
  } catch (error) {
    if (errorCode(error) === 'ConflictException' && associations.length > 0) {
      return { result: 'associated', associationIds: associations.map((a) => a.id) };
    }
    if (errorCode(error) === 'ResourceNotFoundException') return { result: 'absent' };
    throw new AwsCallError('DeleteService', error);
  }
  return { result: 'deleted' };
}
