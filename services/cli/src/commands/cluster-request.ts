// The body of POST /v1/tenants/{tenant}/clusters: an EKS cluster (role in its account) or any
// cluster by kubeconfig (its VPC and the role that associates it), from flags or -f FILE.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../cli-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { readBodyFile } from './tenant-request.ts';

export interface ClusterFlags {
  file?: string;
  account?: string;
  roleArn?: string;
  externalId?: string;
  eksName?: string;
  region?: string;
  kubeconfig?: string;
  vpcId?: string;
  vpcAccount?: string;
  vpcRoleArn?: string;
  vpcExternalId?: string;
}

export interface CreateClusterBody {
  name: string;
  spec: Record<string, unknown>;
  kubeconfig?: string;
}

export const CLUSTER_FIELD_FLAGS: Record<string, string> = {
  name: 'NAME',
  'spec.eks.accountId': '--account',
  'spec.eks.roleArn': '--role-arn',
  'spec.eks.externalId': '--external-id',
  'spec.eks.clusterName': '--eks-name',
  'spec.eks.region': '--region',
  kubeconfig: '--kubeconfig',
  'spec.vpcId': '--vpc-id',
  'spec.vpcAccount.accountId': '--vpc-account',
  'spec.vpcAccount.roleArn': '--vpc-role-arn',
  'spec.vpcAccount.externalId': '--vpc-external-id',
};

const EKS_FLAGS = ['account', 'roleArn', 'externalId', 'eksName', 'region'] as const;

export async function clusterRequest(
  io: CliIo,
  name: string | undefined,
  flags: ClusterFlags,
): Promise<CreateClusterBody> {
  if (flags.file !== undefined) {
    const body = await readBodyFile(io, flags.file);
    const finalName = name ?? body.name;
    if (typeof finalName !== 'string' || finalName === '')
      throw new UsageError(`${flags.file}: no name (give NAME or a "name" field)`);
    return { ...body, name: finalName, spec: body.spec };
  }
  if (name === undefined) throw new UsageError('a cluster NAME is required (or -f FILE)');
  if (flags.kubeconfig !== undefined) return kubeconfigCluster(name, flags);
  const missing = [
    ['--account', flags.account],
    ['--role-arn', flags.roleArn],
    ['--region', flags.region],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `missing ${missing.map(([f]) => f).join(', ')} for an EKS cluster (or use --kubeconfig FILE, or -f FILE)`,
    );
  }
  return {
    name,
    spec: {
      eks: {
        accountId: flags.account,
        roleArn: flags.roleArn,
        ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
        clusterName: flags.eksName ?? name,
        region: flags.region,
      },
      ...(flags.vpcId !== undefined ? { vpcId: flags.vpcId } : {}),
    },
  };
}

async function kubeconfigCluster(name: string, flags: ClusterFlags): Promise<CreateClusterBody> {
  const mixed = EKS_FLAGS.filter((f) => flags[f] !== undefined);
  if (mixed.length > 0) {
    throw new UsageError(
      '--kubeconfig registers a non-EKS cluster: drop --account/--role-arn/--external-id/--eks-name/--region (use --vpc-account, --vpc-role-arn)',
    );
  }
  const missing = [
    ['--vpc-id', flags.vpcId],
    ['--vpc-account', flags.vpcAccount],
    ['--vpc-role-arn', flags.vpcRoleArn],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0)
    throw new UsageError(`missing ${missing.map(([f]) => f).join(', ')} for a kubeconfig cluster`);
  let kubeconfig: string;
  try {
    kubeconfig = await readFile(flags.kubeconfig ?? '', 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --kubeconfig ${flags.kubeconfig}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return {
    name,
    kubeconfig,
    spec: {
      vpcId: flags.vpcId,
      vpcAccount: {
        accountId: flags.vpcAccount,
        roleArn: flags.vpcRoleArn,
        ...(flags.vpcExternalId !== undefined ? { externalId: flags.vpcExternalId } : {}),
      },
    },
  };
}
