// `trellis cluster add|list|get|remove`: /v1/tenants/{tenant}/clusters.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { writeLine } from '../cli-io.ts';
import { humanAge } from '../output/age.ts';
import { conditionsTable, readyColumns, type ResourceView } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { waitForGone, waitForReady } from '../wait/wait-for-ready.ts';
import { CLUSTER_FIELD_FLAGS, clusterRequest, type ClusterFlags } from './cluster-request.ts';
import {
  addOutputOption,
  addWaitOptions,
  outputOf,
  timeoutOf,
  type CommandContext,
} from './command-context.ts';
import { withFlagHints } from './with-flag-hints.ts';

export interface ClusterView extends ResourceView {
  tenant: string;
  spec: {
    eks?: { accountId?: string; clusterName?: string; region?: string };
    kubeconfigSecretRef?: { name: string };
    vpcId?: string;
  };
  status?: ResourceView['status'] & { kubernetesVersion?: string; vpcId?: string };
}

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };
type WaitOptions = { wait?: boolean; timeout?: string };

const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';

export function registerClusterCommands(program: Command, ctx: CommandContext): void {
  const cluster = program
    .command('cluster')
    .alias('clusters')
    .description("register and list a tenant's workload clusters");

  const add = cluster
    .command('add [name]')
    .description('register an EKS cluster (role in its account) or any cluster by --kubeconfig')
    .option('--tenant <tenant>', TENANT_HELP)
    .option(
      '-f, --file <file>',
      'the REST body {name, spec, kubeconfig?} as YAML or JSON (- for stdin)',
    )
    .option('--account <id>', 'EKS: the cluster account id (12 digits)')
    .option('--role-arn <arn>', 'EKS: role Trellis assumes in that account')
    .option('--external-id <id>', 'EKS: sts:ExternalId the role requires')
    .option('--eks-name <name>', 'EKS: the cluster name in EKS (default: NAME)')
    .option('--region <region>', 'EKS: the cluster region')
    .option(
      '--kubeconfig <file>',
      'non-EKS: a kubeconfig file (stored as a Secret, never shown again)',
    )
    .option('--vpc-id <id>', "the cluster's VPC (required with --kubeconfig)")
    .option('--vpc-account <id>', 'non-EKS: account of the VPC')
    .option('--vpc-role-arn <arn>', 'non-EKS: role that associates the VPC')
    .option('--vpc-external-id <id>', 'non-EKS: sts:ExternalId of that role');
  addWaitOptions(addOutputOption(add), 'the cluster is Ready').action(
    async (
      name: string | undefined,
      options: ClusterFlags & TenantOption & OutputOptions & WaitOptions,
    ) => {
      const format = outputOf(options);
      const timeoutMs = timeoutOf(options);
      const body = await clusterRequest(ctx.io, name, options);
      const tenant = await ctx.tenant(options.tenant);
      const client = await ctx.client();
      const path = apiPath`/v1/tenants/${tenant}/clusters`;
      let view = (
        await withFlagHints(CLUSTER_FIELD_FLAGS, () => client.post<ClusterView>(path, body))
      ).body;
      if (options.wait === true) {
        view = await waitForReady({
          io: ctx.io,
          what: `cluster ${tenant}/${view.name}`,
          fetch: () =>
            client.get<ClusterView>(apiPath`/v1/tenants/${tenant}/clusters/${view.name}`),
          timeoutMs,
          intervalMs: ctx.pollIntervalMs,
        });
      }
      printValue(ctx.io.stdout, format, view, () =>
        options.wait === true
          ? clusterTable([view], ctx.now)
          : `cluster ${tenant}/${view.name} registered (follow with --wait or \`trellis cluster get ${view.name} --tenant ${tenant}\`)`,
      );
    },
  );

  addOutputOption(
    cluster
      .command('list')
      .alias('ls')
      .description("list a tenant's clusters")
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const items = await (
      await ctx.client()
    ).listAll<ClusterView>(apiPath`/v1/tenants/${tenant}/clusters`);
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0 ? `No clusters in tenant ${tenant}.` : clusterTable(items, ctx.now),
    );
  });

  addOutputOption(
    cluster
      .command('get <name>')
      .description('show a cluster and its conditions')
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (name: string, options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const view = await (
      await ctx.client()
    ).get<ClusterView>(apiPath`/v1/tenants/${tenant}/clusters/${name}`);
    printValue(
      ctx.io.stdout,
      format,
      view,
      () => `${clusterTable([view], ctx.now)}\n\n${conditionsTable(view, ctx.now)}`,
    );
  });

  addWaitOptions(
    cluster
      .command('remove <name>')
      .alias('rm')
      .description('deregister a cluster (the controller cleans up)')
      .option('--tenant <tenant>', TENANT_HELP),
    'the cluster is gone',
  ).action(async (name: string, options: TenantOption & WaitOptions) => {
    const timeoutMs = timeoutOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/clusters/${name}`;
    const { status } = await client.delete(path);
    if (status === 204) {
      writeLine(ctx.io.stdout, `cluster ${tenant}/${name} removed`);
      return;
    }
    writeLine(ctx.io.stdout, `cluster ${tenant}/${name} is being removed`);
    if (options.wait === true) {
      await waitForGone({
        io: ctx.io,
        what: `cluster ${tenant}/${name}`,
        fetch: () => client.get<ResourceView>(path),
        timeoutMs,
        intervalMs: ctx.pollIntervalMs,
      });
    }
  });
}

export function clusterTable(items: ClusterView[], now: number): string {
  return renderTable(
    ['NAME', 'READY', 'REASON', 'TYPE', 'REGION', 'VERSION', 'VPC', 'AGE'],
    items.map((c) => {
      const [ready, reason] = readyColumns(c);
      return [
        c.name,
        ready,
        reason,
        c.spec.eks !== undefined ? 'EKS' : 'kubeconfig',
        c.spec.eks?.region ?? '',
        c.status?.kubernetesVersion ?? '',
        c.status?.vpcId ?? c.spec.vpcId ?? '',
        humanAge(c.createdAt, now),
      ];
    }),
  );
}
