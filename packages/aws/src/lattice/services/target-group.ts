// One IP target group of one (cluster, exported port). Only the health check of a Lattice target
// group can change; type, port, protocol, protocol version, IP address type and VPC cannot. When
// those differ, the group is replaced without a gap in traffic: a new group is created under a
// generation name (`<name>-<hash of its immutable config>`, since names are unique per account),
// the caller registers targets and switches the listeners to it, then deletes the old one, which
// this call returns as `superseded`.
import {
  CreateTargetGroupCommand,
  GetTargetGroupCommand,
  paginateListTargetGroups,
  UpdateTargetGroupCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { shortHash, type HealthCheckConfig } from '@trellis/core';
import { awsCall } from '../../clients/aws-errors.ts';
import type { LatticeInventory } from './inventory.ts';
import { canonicalJson, carriesTags, requestToken, tagsOf, type IsOwned } from './resource-tags.ts';

export interface TargetGroupIntent {
  /** the planner's name (targetGroupName); a replacement may carry a generation suffix */
  name: string;
  vpcId: string;
  /** default target port (every target is registered with its own port) */
  port: number;
  protocol: 'HTTP' | 'HTTPS' | 'TCP';
  /** absent for TCP */
  protocolVersion?: 'HTTP1' | 'HTTP2' | 'GRPC';
  /** default IPV4 */
  ipAddressType?: 'IPV4' | 'IPV6';
  healthCheck: HealthCheckConfig;
  tags: Record<string, string>;
  clientToken: string;
}

export interface TargetGroupSummary {
  id: string;
  arn: string;
  name: string;
  vpcId: string;
  port: number | undefined;
  protocol: string | undefined;
  status: string;
  /** services whose listeners or rules forward to it */
  serviceArns: string[];
}

export interface SupersededTargetGroup extends TargetGroupSummary {
  /** why it no longer fits, e.g. ["port 8080 → 9090"] */
  immutableDiff: string[];
}

export interface TargetGroupState {
  id: string;
  arn: string;
  /** the group's actual name: the intent's, or a generation name after a replacement */
  name: string;
  created: boolean;
  /** the health check was updated */
  updated: boolean;
  /** our groups for the same intent whose immutable config differs: switch listeners, then delete */
  superseded: SupersededTargetGroup[];
}

/** A target group of that name exists in the account without our tags. */
export class TargetGroupConflictError extends Error {
  readonly targetGroupName: string;
  readonly arn: string;

  constructor(targetGroupName: string, arn: string) {
    super(
      `a VPC Lattice target group named ${targetGroupName} already exists (${arn}) and is not managed by this Trellis hub for this export; rename or delete it`,
    );
    this.name = 'TargetGroupConflictError';
    this.targetGroupName = targetGroupName;
    this.arn = arn;
  }
}

interface ImmutableConfig {
  type: string;
  port: number | undefined;
  protocol: string | undefined;
  protocolVersion: string | undefined;
  ipAddressType: string | undefined;
  vpcId: string | undefined;
}

function immutableOfIntent(i: TargetGroupIntent): ImmutableConfig {
  return {
    type: 'IP',
    port: i.port,
    protocol: i.protocol,
    protocolVersion: i.protocol === 'TCP' ? undefined : (i.protocolVersion ?? 'HTTP1'),
    ipAddressType: i.ipAddressType ?? 'IPV4',
    vpcId: i.vpcId,
  };
}

function immutableDiff(actual: ImmutableConfig, wanted: ImmutableConfig): string[] {
  return (Object.keys(wanted) as (keyof ImmutableConfig)[])
    .filter((k) => actual[k] !== wanted[k])
    .map((k) => `${k} ${actual[k] ?? '-'} → ${wanted[k] ?? '-'}`);
}

/** The name of a replacement group: unique per immutable config, valid (≤ 128 characters). */
export function targetGroupGenerationName(name: string, intent: TargetGroupIntent): string {
  const base = name.slice(0, 128 - 9).replace(/-+$/, '');
  return `${base}-${shortHash(canonicalJson(immutableOfIntent(intent)))}`;
}

function isGenerationOf(candidate: string, name: string): boolean {
  const base = name.slice(0, 128 - 9).replace(/-+$/, '');
  return (
    candidate.length === base.length + 9 &&
    candidate.startsWith(`${base}-`) &&
    /^[0-9a-f]{8}$/.test(candidate.slice(base.length + 1))
  );
}

/** Every target group of the client's account (all pages). */
export async function listTargetGroups(lattice: VPCLatticeClient): Promise<TargetGroupSummary[]> {
  return awsCall('ListTargetGroups', async () => {
    const out: TargetGroupSummary[] = [];
    for await (const page of paginateListTargetGroups({ client: lattice }, {})) {
      for (const tg of page.items ?? []) {
        if (!tg.id || !tg.arn || !tg.name) continue;
        out.push({
          id: tg.id,
          arn: tg.arn,
          name: tg.name,
          vpcId: tg.vpcIdentifier ?? '',
          port: tg.port,
          protocol: tg.protocol,
          status: tg.status ?? 'UNKNOWN',
          serviceArns: tg.serviceArns ?? [],
        });
      }
    }
    return out;
  });
}

/**
 * Our target groups (by tags, never by name) with their tags: the input of garbage collection.
 * `where` narrows the groups whose tags are read (one ListTagsForResource each), e.g. to groups no
 * service uses, so a reconcile does not read the tags of every group in a busy account.
 */
export async function listOwnedTargetGroups(
  lattice: VPCLatticeClient,
  isOwned: IsOwned,
  where: (tg: TargetGroupSummary) => boolean = () => true,
  /** list (and read tags) through the account's inventory: candidates only, never authority */
  inventory?: LatticeInventory,
): Promise<(TargetGroupSummary & { tags: Record<string, string> })[]> {
  const out: (TargetGroupSummary & { tags: Record<string, string> })[] = [];
  const all =
    inventory !== undefined ? await inventory.targetGroups() : await listTargetGroups(lattice);
  for (const tg of all.filter(where)) {
    let tags = inventory?.cachedTags(tg.arn);
    if (tags === undefined) {
      tags = await tagsOf(lattice, tg.arn);
      inventory?.rememberTags(tg.arn, tags);
    }
    if (isOwned(tags)) out.push({ ...tg, tags });
  }
  return out;
}

/** Comparable form of a health check; every disabled check is the same (its settings are moot). */
function normalHealthCheck(hc: Partial<HealthCheckConfig> | undefined): string {
  if (hc?.enabled === false) return canonicalJson({ enabled: false });
  return canonicalJson({
    enabled: hc?.enabled,
    protocol: hc?.protocol,
    protocolVersion: hc?.protocolVersion,
    port: hc?.port,
    path: hc?.path,
    healthCheckIntervalSeconds: hc?.healthCheckIntervalSeconds,
    healthCheckTimeoutSeconds: hc?.healthCheckTimeoutSeconds,
    healthyThresholdCount: hc?.healthyThresholdCount,
    unhealthyThresholdCount: hc?.unhealthyThresholdCount,
    httpCode: hc?.matcher?.httpCode,
  });
}

/**
 * Converge one target group: find ours (by name or generation name, confirmed by tags) whose
 * immutable config matches, update its health check if it differs, or create it. `known` may
 * pass a listing made once for many groups (listTargetGroups) instead of listing per call.
 */
export async function ensureTargetGroup(
  lattice: VPCLatticeClient,
  intent: TargetGroupIntent,
  known?: readonly TargetGroupSummary[],
  inventory?: LatticeInventory,
): Promise<TargetGroupState> {
  const all = known ?? (await listTargetGroups(lattice));
  const wanted = immutableOfIntent(intent);
  const candidates = all.filter(
    (tg) =>
      (tg.name === intent.name || isGenerationOf(tg.name, intent.name)) &&
      !tg.status.startsWith('DELETE'),
  );
  let current: { summary: TargetGroupSummary; healthCheck: string } | undefined;
  const superseded: SupersededTargetGroup[] = [];
  for (const tg of candidates) {
    const tags = await tagsOf(lattice, tg.arn);
    if (!carriesTags(tags, intent.tags)) {
      if (tg.name === intent.name) throw new TargetGroupConflictError(tg.name, tg.arn);
      continue;
    }
    const got = await awsCall('GetTargetGroup', () =>
      lattice.send(new GetTargetGroupCommand({ targetGroupIdentifier: tg.id })),
    );
    await inventory?.noteTargetGroupServices(tg.id, got.serviceArns ?? []);
    const actual: ImmutableConfig = {
      type: got.type ?? '',
      port: got.config?.port,
      protocol: got.config?.protocol,
      protocolVersion: got.config?.protocolVersion,
      ipAddressType: got.config?.ipAddressType,
      vpcId: got.config?.vpcIdentifier,
    };
    const diff = immutableDiff(actual, wanted);
    if (diff.length === 0 && current === undefined) {
      const hc = got.config?.healthCheck;
      current = {
        summary: { ...tg, serviceArns: got.serviceArns ?? tg.serviceArns },
        healthCheck: normalHealthCheck(
          hc === undefined
            ? undefined
            : ({
                ...hc,
                matcher: { httpCode: hc.matcher?.httpCode ?? '' },
              } as Partial<HealthCheckConfig>),
        ),
      };
    } else {
      superseded.push({ ...tg, immutableDiff: diff });
    }
  }

  if (current !== undefined) {
    let updated = false;
    if (current.healthCheck !== normalHealthCheck(intent.healthCheck)) {
      await awsCall('UpdateTargetGroup', () =>
        lattice.send(
          new UpdateTargetGroupCommand({
            targetGroupIdentifier: current.summary.id,
            healthCheck: intent.healthCheck,
          }),
        ),
      );
      updated = true;
    }
    const { id, arn, name } = current.summary;
    return { id, arn, name, created: false, updated, superseded };
  }

  const nameTaken = all.some((tg) => tg.name === intent.name);
  const name = nameTaken ? targetGroupGenerationName(intent.name, intent) : intent.name;
  const request = {
    name,
    type: 'IP' as const,
    config: {
      port: intent.port,
      protocol: intent.protocol,
      ...(intent.protocol !== 'TCP' ? { protocolVersion: wanted.protocolVersion as 'HTTP1' } : {}),
      ipAddressType: intent.ipAddressType ?? 'IPV4',
      vpcIdentifier: intent.vpcId,
      healthCheck: intent.healthCheck,
    },
    tags: intent.tags,
  };
  const out = await awsCall('CreateTargetGroup', () =>
    lattice.send(
      new CreateTargetGroupCommand({
        ...request,
        clientToken: requestToken(intent.clientToken, request),
      }),
    ),
  );
  await inventory?.rememberTargetGroup(
    {
      id: out.id!,
      arn: out.arn!,
      name,
      vpcId: intent.vpcId,
      port: intent.port,
      protocol: intent.protocol,
      status: out.status ?? 'CREATE_IN_PROGRESS',
      serviceArns: [],
    },
    intent.tags,
  );
  return { id: out.id!, arn: out.arn!, name, created: true, updated: false, superseded };
}
