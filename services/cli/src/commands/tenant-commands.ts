// `trellis tenant create|list|get|delete`: /v1/tenants.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { writeLine } from '../cli-io.ts';
import { humanAge } from '../output/age.ts';
import { conditionsTable, readyColumns, type ResourceView } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { waitForGone, waitForReady } from '../wait/wait-for-ready.ts';
import {
  addOutputOption,
  addWaitOptions,
  outputOf,
  timeoutOf,
  type CommandContext,
} from './command-context.ts';
import { TENANT_FIELD_FLAGS, tenantRequest, type TenantFlags } from './tenant-request.ts';
import { withFlagHints } from './with-flag-hints.ts';

export interface TenantView extends ResourceView {
  spec: {
    displayName?: string;
    networkAccount?: { accountId?: string; region?: string };
    serviceNetwork?: { name?: string; authType?: string };
  };
  status?: ResourceView['status'] & {
    serviceNetwork?: { id?: string; name?: string };
    clusterCount?: number;
  };
}

type OutputOptions = { output?: string };
type WaitOptions = { wait?: boolean; timeout?: string };

export function registerTenantCommands(program: Command, ctx: CommandContext): void {
  const tenant = program
    .command('tenant')
    .alias('tenants')
    .description('onboard, list and remove tenants (admin token)');

  const create = tenant
    .command('create [name]')
    .description('onboard a tenant: its network account and the role Trellis assumes there')
    .option('-f, --file <file>', 'the REST body {name, spec} as YAML or JSON (- for stdin)')
    .option('--account <id>', 'network account id (12 digits)')
    .option('--role-arn <arn>', 'role Trellis assumes in the network account')
    .option('--external-id <id>', 'sts:ExternalId the role requires')
    .option('--region <region>', 'AWS region of the service network, e.g. us-west-2')
    .option('--auth-type <type>', 'service network auth: NONE or AWS_IAM')
    .option(
      '--service-network-name <name>',
      'adopt or create this service network (default trellis-<tenant>)',
    )
    .option('--display-name <text>', 'a human name');
  addWaitOptions(addOutputOption(create), 'the tenant is Ready').action(
    async (name: string | undefined, options: TenantFlags & OutputOptions & WaitOptions) => {
      const format = outputOf(options);
      const timeoutMs = timeoutOf(options);
      const body = await tenantRequest(ctx.io, name, options);
      const client = await ctx.client();
      let view = (
        await withFlagHints(TENANT_FIELD_FLAGS, () => client.post<TenantView>('/v1/tenants', body))
      ).body;
      if (options.wait === true) {
        view = await waitForReady({
          io: ctx.io,
          what: `tenant ${view.name}`,
          fetch: () => client.get<TenantView>(apiPath`/v1/tenants/${view.name}`),
          timeoutMs,
          intervalMs: ctx.pollIntervalMs,
        });
      }
      printValue(ctx.io.stdout, format, view, () =>
        options.wait === true
          ? tenantTable([view], ctx.now)
          : `tenant ${view.name} created (the controller is onboarding it; follow with --wait or \`trellis tenant get ${view.name}\`)`,
      );
    },
  );

  addOutputOption(
    tenant
      .command('list')
      .alias('ls')
      .description('list tenants (a tenant token sees only its own)'),
  ).action(async (options: OutputOptions) => {
    const format = outputOf(options);
    const items = await (await ctx.client()).listAll<TenantView>('/v1/tenants');
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0 ? 'No tenants.' : tenantTable(items, ctx.now),
    );
  });

  addOutputOption(
    tenant.command('get <name>').description('show a tenant and its conditions'),
  ).action(async (name: string, options: OutputOptions) => {
    const format = outputOf(options);
    const view = await (await ctx.client()).get<TenantView>(apiPath`/v1/tenants/${name}`);
    printValue(
      ctx.io.stdout,
      format,
      view,
      () => `${tenantTable([view], ctx.now)}\n\n${conditionsTable(view, ctx.now)}`,
    );
  });

  addWaitOptions(
    tenant
      .command('delete <name>')
      .alias('rm')
      .description('delete a tenant (the controller cleans up its AWS resources)'),
    'the tenant is gone',
  ).action(async (name: string, options: WaitOptions) => {
    const timeoutMs = timeoutOf(options);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${name}`;
    const { status } = await client.delete(path);
    if (status === 204) {
      writeLine(ctx.io.stdout, `tenant ${name} deleted`);
      return;
    }
    writeLine(ctx.io.stdout, `tenant ${name} is being deleted`);
    if (options.wait === true) {
      await waitForGone({
        io: ctx.io,
        what: `tenant ${name}`,
        fetch: () => client.get<ResourceView>(path),
        timeoutMs,
        intervalMs: ctx.pollIntervalMs,
      });
    }
  });
}

export function tenantTable(items: TenantView[], now: number): string {
  return renderTable(
    ['NAME', 'READY', 'REASON', 'ACCOUNT', 'REGION', 'SERVICE NETWORK', 'CLUSTERS', 'AGE'],
    items.map((t) => {
      const [ready, reason] = readyColumns(t);
      return [
        t.name,
        ready,
        reason,
        t.spec.networkAccount?.accountId ?? '',
        t.spec.networkAccount?.region ?? '',
        t.status?.serviceNetwork?.name ?? t.spec.serviceNetwork?.name ?? '',
        t.status?.clusterCount !== undefined ? String(t.status.clusterCount) : '',
        humanAge(t.createdAt, now),
      ];
    }),
  );
}
