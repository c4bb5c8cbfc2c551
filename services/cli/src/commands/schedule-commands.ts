// `trellis schedule create|list|suspend|resume`: UpgradeSchedules (docs/migrations.md,
// "Schedules and windows"): a cron, a time zone and a maintenance window that start
// ClusterMigrations from a template. REST: /v1/tenants/{tenant}/upgrade-schedules with bodies
// `{name, spec}` (spec: packages/core/src/api/upgrade-schedule.ts); suspend/resume merge-patch
// spec.suspend.
import type { Command } from 'commander';
import { apiPath } from '../api/api-client.ts';
import { UsageError } from '../cli-errors.ts';
import { humanAge } from '../output/age.ts';
import { readyColumns, type ResourceView } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import {
  MIGRATION_FIELD_FLAGS,
  migrationRequest,
  type MigrationFlags,
} from '../migration/migration-request.ts';
import { addOutputOption, outputOf, type CommandContext } from './command-context.ts';
import { requireFeature } from './feature-route.ts';
import { readBodyFile } from './tenant-request.ts';
import { withFlagHints } from './with-flag-hints.ts';

interface ScheduleView extends ResourceView {
  spec: {
    cron: string;
    timeZone?: string;
    window?: { days: string[]; start: string; end: string };
    suspend?: boolean;
    migrationTemplate?: { spec?: { fromCluster?: string; toCluster?: string } };
  };
  status?: ResourceView['status'] & {
    lastDecision?: { created: boolean; reason?: string; migration?: string };
    nextTickAt?: string;
  };
}

interface ScheduleFlags extends MigrationFlags {
  cron?: string;
  timeZone?: string;
  window?: string;
  pauseWhenWindowCloses?: boolean;
  suspended?: boolean;
}

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };

const FEATURE = 'migration schedules';
const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';
const FIELD_FLAGS: Record<string, string> = {
  name: 'NAME',
  'spec.cron': '--cron',
  'spec.timeZone': '--time-zone',
  'spec.window': '--window',
  'spec.window.days': '--window',
  'spec.window.start': '--window',
  'spec.window.end': '--window',
  ...Object.fromEntries(
    Object.entries(MIGRATION_FIELD_FLAGS)
      .filter(([field]) => field.startsWith('spec.'))
      .map(([field, flag]) => [field.replace(/^spec\./, 'spec.migrationTemplate.spec.'), flag]),
  ),
};

export function registerScheduleCommands(program: Command, ctx: CommandContext): void {
  const schedule = program
    .command('schedule')
    .alias('schedules')
    .description('upgrade schedules: start migrations on a cron, inside a maintenance window');

  const create = schedule
    .command('create [name]')
    .description('schedule migrations from a template')
    .option('--tenant <tenant>', TENANT_HELP)
    .option('-f, --file <file>', 'the REST body {name, spec} as YAML or JSON (- for stdin)')
    .option('--cron <expression>', 'when to consider starting, e.g. "*/30 1-4 * * *"')
    .option('--time-zone <zone>', 'IANA time zone of the cron and the window (default UTC)')
    .option('--window <days start-end>', 'maintenance window, e.g. "Mon,Tue,Wed,Thu 01:00-05:00"')
    .option('--pause-when-window-closes', 'pause the migrations it started when the window closes')
    .option('--suspended', 'create it suspended')
    .option('--from <cluster>', 'migration template: the cluster traffic leaves')
    .option('--to <cluster>', 'migration template: the cluster traffic moves to')
    .option('--all', 'migration template: every service exported by both clusters')
    .option(
      '--service <namespace/name>',
      'migration template: a service to move (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option(
      '--selector <k=v,…>',
      'migration template: services whose ServiceExports carry these labels',
    )
    .option(
      '--steps <list>',
      'migration template: PERCENT[:PAUSE] steps, e.g. 10:5m,25:10m,50:10m,100',
    )
    .option('--failure-policy <policy>', 'migration template: Rollback (default) or Pause')
    .option('--finish <mode>', 'migration template: ZeroWeight (default) or RemoveOldExport');
  addOutputOption(create).action(
    async (name: string | undefined, options: ScheduleFlags & TenantOption & OutputOptions) => {
      const format = outputOf(options);
      const body = await scheduleRequest(ctx, name, options);
      const tenant = await ctx.tenant(options.tenant);
      const client = await ctx.client();
      const path = apiPath`/v1/tenants/${tenant}/upgrade-schedules`;
      const { body: view } = await requireFeature(FEATURE, 'POST', path, () =>
        withFlagHints(FIELD_FLAGS, () => client.post<ScheduleView>(path, body)),
      );
      printValue(
        ctx.io.stdout,
        format,
        view,
        () =>
          `schedule ${tenant}/${view.name} created (${view.spec.cron}${view.spec.timeZone !== undefined ? ` ${view.spec.timeZone}` : ''})`,
      );
    },
  );

  addOutputOption(
    schedule
      .command('list')
      .alias('ls')
      .description("list a tenant's upgrade schedules")
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/upgrade-schedules`;
    const items = await requireFeature(FEATURE, 'GET', path, () =>
      client.listAll<ScheduleView>(path),
    );
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0 ? `No schedules in tenant ${tenant}.` : scheduleTable(items, ctx.now),
    );
  });

  for (const [command, suspend] of [
    ['suspend', true],
    ['resume', false],
  ] as const) {
    addOutputOption(
      schedule
        .command(`${command} <name>`)
        .description(
          suspend
            ? 'skip every tick (migrations already running go on)'
            : 'start migrations on schedule again',
        )
        .option('--tenant <tenant>', TENANT_HELP),
    ).action(async (name: string, options: TenantOption & OutputOptions) => {
      const format = outputOf(options);
      const tenant = await ctx.tenant(options.tenant);
      const client = await ctx.client();
      const path = apiPath`/v1/tenants/${tenant}/upgrade-schedules/${name}`;
      const { body } = await requireFeature(FEATURE, 'PATCH', path, () =>
        client.patch<ScheduleView>(path, { spec: { suspend } }),
      );
      printValue(
        ctx.io.stdout,
        format,
        body,
        () => `schedule ${tenant}/${name} ${suspend ? 'suspended' : 'resumed'}`,
      );
    });
  }
}

async function scheduleRequest(
  ctx: CommandContext,
  name: string | undefined,
  flags: ScheduleFlags,
): Promise<{ name: string; spec: Record<string, unknown> }> {
  if (flags.file !== undefined) {
    const body = await readBodyFile(ctx.io, flags.file);
    const finalName = name ?? body.name;
    if (typeof finalName !== 'string' || finalName === '')
      throw new UsageError(`${flags.file}: no name (give NAME or a "name" field)`);
    return { name: finalName, spec: body.spec };
  }
  if (flags.cron === undefined)
    throw new UsageError('--cron is required (e.g. --cron "*/30 1-4 * * *")');
  const template = await migrationRequest(ctx.io, name, flags);
  return {
    name: template.name,
    spec: {
      cron: flags.cron,
      ...(flags.timeZone !== undefined ? { timeZone: flags.timeZone } : {}),
      ...(flags.window !== undefined ? { window: parseWindow(flags.window) } : {}),
      migrationTemplate: { spec: template.spec },
      ...(flags.suspended === true ? { suspend: true } : {}),
      ...(flags.pauseWhenWindowCloses === true ? { pauseWhenWindowCloses: true } : {}),
    },
  };
}

/** `Mon,Tue 01:00-05:00` → {days, start, end}; the server checks the values. */
export function parseWindow(text: string): { days: string[]; start: string; end: string } {
  const match = /^([A-Za-z,]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text.trim());
  if (match === null)
    throw new UsageError(
      `--window: "${text}" is not DAYS START-END (e.g. "Mon,Tue,Wed,Thu 01:00-05:00")`,
    );
  return {
    days: (match[1] ?? '').split(',').filter((d) => d !== ''),
    start: match[2] ?? '',
    end: match[3] ?? '',
  };
}

function scheduleTable(items: ScheduleView[], now: number): string {
  return renderTable(
    [
      'NAME',
      'CRON',
      'TIME ZONE',
      'WINDOW',
      'SUSPENDED',
      'READY',
      'LAST DECISION',
      'NEXT TICK',
      'AGE',
    ],
    items.map((s) => {
      const decision = s.status?.lastDecision;
      return [
        s.name,
        s.spec.cron,
        s.spec.timeZone ?? 'UTC',
        s.spec.window !== undefined
          ? `${s.spec.window.days.join(',')} ${s.spec.window.start}-${s.spec.window.end}`
          : '-',
        String(s.spec.suspend === true),
        readyColumns(s)[0],
        decision === undefined
          ? '-'
          : decision.created
            ? `created ${decision.migration ?? ''}`.trim()
            : (decision.reason ?? 'skipped'),
        s.status?.nextTickAt ?? '-',
        humanAge(s.createdAt, now),
      ];
    }),
  );
}
