// `trellis schedule create|list|suspend|resume`: migrations started on a cron schedule, through
// /v1/tenants/{tenant}/schedules. The body is {name, spec: {schedule, suspend, migration}} with
// `migration` a ClusterMigration spec; suspend/resume set spec.suspend with a merge patch.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { UsageError } from '../cli-errors.ts';
import { humanAge } from '../output/age.ts';
import type { ResourceView } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { MIGRATION_FIELD_FLAGS, migrationRequest, type MigrationFlags } from '../migration/migration-request.ts';
import { addOutputOption, outputOf, type CommandContext } from './command-context.ts';
import { requireFeature } from './feature-route.ts';
import { withFlagHints } from './with-flag-hints.ts';

interface ScheduleView extends ResourceView {
  spec: { schedule: string; suspend?: boolean; migration?: { fromCluster?: string; toCluster?: string } };
  status?: ResourceView['status'] & { lastScheduleTime?: string; nextScheduleTime?: string };
}

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };

const FEATURE = 'migration schedules';
const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';
const FIELD_FLAGS: Record<string, string> = {
  'spec.schedule': '--cron',
  ...Object.fromEntries(Object.entries(MIGRATION_FIELD_FLAGS).filter(([f]) => f.startsWith('spec.')).map(([f, flag]) => [f.replace(/^spec\./, 'spec.migration.'), flag])),
};

export function registerScheduleCommands(program: Command, ctx: CommandContext): void {
  const schedule = program.command('schedule').alias('schedules').description('run migrations on a schedule (e.g. in a maintenance window)');

  const create = schedule
    .command('create [name]')
    .description('schedule a migration with a cron expression')
    .option('--tenant <tenant>', TENANT_HELP)
    .option('-f, --file <file>', 'the REST body {name, spec} as YAML or JSON (- for stdin)')
    .option('--cron <expression>', 'when to start, e.g. "0 3 * * 6" (UTC)')
    .option('--from <cluster>', 'the cluster traffic leaves')
    .option('--to <cluster>', 'the cluster traffic moves to')
    .option('--all', 'every service exported by both clusters')
    .option('--service <namespace/name>', 'a service to move (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--selector <k=v,…>', 'services whose ServiceExports carry these labels')
    .option('--steps <list>', 'PERCENT[:PAUSE] steps, e.g. 10:5m,25:10m,50:10m,100')
    .option('--failure-policy <policy>', 'Rollback (default) or Pause')
    .option('--finish <mode>', 'ZeroWeight (default) or RemoveOldExport')
    .option('--suspended', 'create it suspended');
  addOutputOption(create).action(async (name: string | undefined, options: MigrationFlags & TenantOption & OutputOptions & { cron?: string; suspended?: boolean }) => {
    const format = outputOf(options);
    let body: { name: string; spec: Record<string, unknown> };
    if (options.file !== undefined) {
      body = await migrationRequest(ctx.io, name, options);
    } else {
      if (options.cron === undefined) throw new UsageError('--cron is required (e.g. --cron "0 3 * * 6")');
      const migration = await migrationRequest(ctx.io, name, options);
      body = { name: migration.name, spec: { schedule: options.cron, suspend: options.suspended === true, migration: migration.spec } };
    }
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/schedules`;
    const { body: view } = await requireFeature(FEATURE, 'POST', path, () => withFlagHints(FIELD_FLAGS, () => client.post<ScheduleView>(path, body)));
    printValue(ctx.io.stdout, format, view, () => `schedule ${tenant}/${view.name} created (${view.spec.schedule})`);
  });

  addOutputOption(schedule.command('list').alias('ls').description("list a tenant's schedules").option('--tenant <tenant>', TENANT_HELP)).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/schedules`;
    const items = await requireFeature(FEATURE, 'GET', path, () => client.listAll<ScheduleView>(path));
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0
        ? `No schedules in tenant ${tenant}.`
        : renderTable(
            ['NAME', 'SCHEDULE', 'SUSPENDED', 'FROM', 'TO', 'LAST', 'NEXT', 'AGE'],
            items.map((s) => [
              s.name,
              s.spec.schedule,
              String(s.spec.suspend === true),
              s.spec.migration?.fromCluster ?? '',
              s.spec.migration?.toCluster ?? '',
              s.status?.lastScheduleTime !== undefined ? `${humanAge(s.status.lastScheduleTime, ctx.now)} ago` : '-',
              s.status?.nextScheduleTime ?? '-',
              humanAge(s.createdAt, ctx.now),
            ]),
          ),
    );
  });

  for (const [command, suspend] of [['suspend', true], ['resume', false]] as const) {
    addOutputOption(schedule.command(`${command} <name>`).description(suspend ? 'stop starting migrations (running ones go on)' : 'start migrations again on schedule').option('--tenant <tenant>', TENANT_HELP)).action(
      async (name: string, options: TenantOption & OutputOptions) => {
        const format = outputOf(options);
        const tenant = await ctx.tenant(options.tenant);
        const client = await ctx.client();
        const path = apiPath`/v1/tenants/${tenant}/schedules/${name}`;
        const { body } = await requireFeature(FEATURE, 'PATCH', path, () => client.patch<ScheduleView>(path, { spec: { suspend } }));
        printValue(ctx.io.stdout, format, body, () => `schedule ${tenant}/${name} ${suspend ? 'suspended' : 'resumed'}`);
      },
    );
  }
}
