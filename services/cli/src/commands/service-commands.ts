// `trellis service list|get`: a tenant's multi-cluster services (docs/multi-cluster-services.md).
// REST: /v1/tenants/{tenant}/services[/{namespace}/{name}] (the MultiClusterService read model);
// every hub-api; a missing route is reported as such.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { UsageError } from '../cli-errors.ts';
import { humanAge } from '../output/age.ts';
import { conditionsTable, readyColumns, type ResourceView } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { addOutputOption, outputOf, type CommandContext } from './command-context.ts';
import { requireFeature } from './feature-route.ts';

export interface ServiceView extends ResourceView {
  namespace: string;
  tenant?: string;
  dnsName?: string;
  clusters?: { name?: string; cluster?: string; weight?: number }[];
  status?: ResourceView['status'] & { dnsName?: string; latticeService?: { dnsName?: string } };
}

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };

const FEATURE = 'multi-cluster services';
const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';

export function registerServiceCommands(program: Command, ctx: CommandContext): void {
  const service = program
    .command('service')
    .alias('services')
    .description("a tenant's multi-cluster services (exported Services)");

  addOutputOption(
    service
      .command('list')
      .alias('ls')
      .description('list exported services')
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/services`;
    const items = await requireFeature(FEATURE, 'GET', path, () =>
      client.listAll<ServiceView>(path),
    );
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0 ? `No services in tenant ${tenant}.` : serviceTable(items, ctx.now),
    );
  });

  addOutputOption(
    service
      .command('get <namespace/name>')
      .description('show one service, its clusters and conditions')
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (ref: string, options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const [namespace, name] = splitServiceRef(ref);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/services/${namespace}/${name}`;
    const view = await requireFeature(FEATURE, 'GET', path, () => client.get<ServiceView>(path));
    printValue(
      ctx.io.stdout,
      format,
      view,
      () => `${serviceTable([view], ctx.now)}\n\n${conditionsTable(view, ctx.now)}`,
    );
  });
}

/** `namespace/name`, both DNS labels. */
export function splitServiceRef(ref: string): [string, string] {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(ref);
  if (match === null) throw new UsageError(`"${ref}" is not NAMESPACE/NAME (e.g. shop/checkout)`);
  return [match[1] ?? '', match[3] ?? ''];
}

function serviceTable(items: ServiceView[], now: number): string {
  return renderTable(
    ['NAMESPACE', 'NAME', 'READY', 'REASON', 'CLUSTERS', 'DNS', 'AGE'],
    items.map((s) => {
      const [ready, reason] = readyColumns(s);
      const clusters = (s.clusters ?? []).map(
        (c) => `${c.name ?? c.cluster ?? '?'}${c.weight !== undefined ? `:${c.weight}` : ''}`,
      );
      return [
        s.namespace,
        s.name,
        ready,
        reason,
        clusters.join(',') || '-',
        s.dnsName ?? s.status?.dnsName ?? s.status?.latticeService?.dnsName ?? '',
        humanAge(s.createdAt, now),
      ];
    }),
  );
}
