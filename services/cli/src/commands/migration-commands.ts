// `trellis migration start|list|status|pause|resume|abort|promote`: ClusterMigrations through
// /v1/tenants/{tenant}/migrations. Operations are spec edits by merge patch, as docs/migrations.md
// ("Operations") defines them: pause sets spec.paused (a level); resume clears it and writes the
// Resume action; abort and promote write spec.action once (edges, acted on per requestedAt).
import type { Command } from 'commander';
import { apiPath, type ApiClient } from '../api/api-client.ts';
import { writeLine } from '../cli-io.ts';
import { humanAge } from '../output/age.ts';
import { conditionsTable } from '../output/conditions.ts';
import { printValue } from '../output/output-format.ts';
import { renderTable } from '../output/table.ts';
import { parseDuration } from '../duration.ts';
import {
  MIGRATION_FIELD_FLAGS,
  migrationRequest,
  type MigrationFlags,
} from '../migration/migration-request.ts';
import { summaryLine, textBar } from '../migration/migration-progress.ts';
import {
  DEFAULT_STEPS,
  summarizeMigration,
  type MigrationView,
} from '../migration/migration-view.ts';
import { watchMigration } from '../migration/watch-migration.ts';
import { addOutputOption, outputOf, type CommandContext } from './command-context.ts';
import { requireFeature } from './feature-route.ts';
import { withFlagHints } from './with-flag-hints.ts';

type TenantOption = { tenant?: string };
type OutputOptions = { output?: string };
type WatchOptions = { watch?: boolean; timeout?: string };

const FEATURE = 'migrations';
const TENANT_HELP = 'the tenant (default: the tenant of a tenant token)';

export function registerMigrationCommands(program: Command, ctx: CommandContext): void {
  const migration = program
    .command('migration')
    .alias('migrations')
    .description(
      'blue/green cluster migrations: move service traffic between clusters in weighted steps',
    );

  const start = migration
    .command('start [name]')
    .description('start moving the traffic of exported services from one cluster to another')
    .option('--tenant <tenant>', TENANT_HELP)
    .option('-f, --file <file>', 'the REST body {name, spec} as YAML or JSON (- for stdin)')
    .option('--from <cluster>', 'the cluster traffic leaves')
    .option('--to <cluster>', 'the cluster traffic moves to')
    .option('--all', 'every service exported by both clusters')
    .option('--service <namespace/name>', 'a service to move (repeatable)', collect, [])
    .option('--selector <k=v,…>', 'services whose ServiceExports carry these labels')
    .option('--steps <list>', 'PERCENT[:PAUSE] steps, e.g. 10:5m,25:10m,50:10m,100 (default)')
    .option('--failure-policy <policy>', 'on a failed health gate: Rollback (default) or Pause')
    .option('--finish <mode>', 'after 100%: ZeroWeight (default) or RemoveOldExport')
    .option('--paused', 'create it paused');
  addWatchOptions(addOutputOption(start)).action(
    async (
      name: string | undefined,
      options: MigrationFlags & TenantOption & OutputOptions & WatchOptions,
    ) => {
      const format = outputOf(options);
      const timeoutMs = watchTimeoutOf(options);
      const body = await migrationRequest(ctx.io, name, options);
      const tenant = await ctx.tenant(options.tenant);
      const client = await ctx.client();
      const path = apiPath`/v1/tenants/${tenant}/migrations`;
      const { body: view } = await requireFeature(FEATURE, 'POST', path, () =>
        withFlagHints(MIGRATION_FIELD_FLAGS, () => client.post<MigrationView>(path, body)),
      );
      if (options.watch === true) {
        writeLine(
          ctx.io.stderr,
          `migration ${tenant}/${view.name} started: ${view.spec.fromCluster} → ${view.spec.toCluster}`,
        );
        const done = await watch(ctx, client, tenant, view.name, timeoutMs);
        if (format !== 'table') printValue(ctx.io.stdout, format, done, () => '');
        return;
      }
      printValue(
        ctx.io.stdout,
        format,
        view,
        () =>
          `migration ${tenant}/${view.name} started: ${view.spec.fromCluster} → ${view.spec.toCluster} (follow with \`trellis migration status ${view.name} --watch\`)`,
      );
    },
  );

  addOutputOption(
    migration
      .command('list')
      .alias('ls')
      .description("list a tenant's migrations")
      .option('--tenant <tenant>', TENANT_HELP),
  ).action(async (options: TenantOption & OutputOptions) => {
    const format = outputOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    const path = apiPath`/v1/tenants/${tenant}/migrations`;
    const items = await requireFeature(FEATURE, 'GET', path, () =>
      client.listAll<MigrationView>(path),
    );
    printValue(ctx.io.stdout, format, { items }, () =>
      items.length === 0 ? `No migrations in tenant ${tenant}.` : migrationTable(items, ctx.now),
    );
  });

  addWatchOptions(
    addOutputOption(
      migration
        .command('status <name>')
        .description('show a migration: phase, steps, weights, gate')
        .option('--tenant <tenant>', TENANT_HELP),
    ),
  ).action(async (name: string, options: TenantOption & OutputOptions & WatchOptions) => {
    const format = outputOf(options);
    const timeoutMs = watchTimeoutOf(options);
    const tenant = await ctx.tenant(options.tenant);
    const client = await ctx.client();
    if (options.watch === true) {
      const done = await watch(ctx, client, tenant, name, timeoutMs);
      if (format !== 'table') printValue(ctx.io.stdout, format, done, () => '');
      return;
    }
    const path = apiPath`/v1/tenants/${tenant}/migrations/${name}`;
    const view = await requireFeature(FEATURE, 'GET', path, () => client.get<MigrationView>(path));
    printValue(ctx.io.stdout, format, view, () => migrationDetail(view, ctx.now));
  });

  const actions: {
    command: string;
    description: string;
    patch: (at: string) => Record<string, unknown>;
    done: string;
  }[] = [
    {
      command: 'pause',
      description: 'hold the current weights (sets spec.paused)',
      patch: () => ({ paused: true }),
      done: 'pausing',
    },
    {
      command: 'resume',
      description: 'continue a paused migration (after a failed gate: retry it)',
      // docs/migrations.md: clearing paused resumes a manual pause; the Resume action is what a
      // failed gate needs. Sending both covers either; Resume on a running migration is a no-op.
      patch: (at) => ({ paused: false, action: { type: 'Resume', requestedAt: at } }),
      done: 'resuming',
    },
    {
      command: 'abort',
      description: `roll back: all traffic to the old cluster`,
      patch: (at) => ({ action: { type: 'Abort', requestedAt: at } }),
      done: 'aborting (rolling back)',
    },
    {
      command: 'promote',
      description: 'skip the remaining steps: all traffic to the new cluster now',
      patch: (at) => ({ action: { type: 'Promote', requestedAt: at } }),
      done: 'promoting',
    },
  ];
  for (const action of actions) {
    addOutputOption(
      migration
        .command(`${action.command} <name>`)
        .description(action.description)
        .option('--tenant <tenant>', TENANT_HELP),
    ).action(async (name: string, options: TenantOption & OutputOptions) => {
      const format = outputOf(options);
      const tenant = await ctx.tenant(options.tenant);
      const client = await ctx.client();
      const path = apiPath`/v1/tenants/${tenant}/migrations/${name}`;
      const patch = { spec: action.patch(new Date(ctx.now).toISOString()) };
      const { body } = await requireFeature(FEATURE, 'PATCH', path, () =>
        client.patch<MigrationView>(path, patch),
      );
      printValue(ctx.io.stdout, format, body, () => `migration ${tenant}/${name}: ${action.done}`);
    });
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function addWatchOptions(command: Command): Command {
  return command
    .option('-w, --watch', 'follow the migration with a live progress view until it ends')
    .option('--timeout <duration>', 'stop watching after this long (default: no limit)');
}

function watchTimeoutOf(options: WatchOptions): number {
  return options.timeout === undefined ? 0 : parseDuration(options.timeout, '--timeout');
}

async function watch(
  ctx: CommandContext,
  client: ApiClient,
  tenant: string,
  name: string,
  timeoutMs: number,
): Promise<MigrationView> {
  const path = apiPath`/v1/tenants/${tenant}/migrations/${name}`;
  return watchMigration({
    io: ctx.io,
    fetch: () => requireFeature(FEATURE, 'GET', path, () => client.get<MigrationView>(path)),
    intervalMs: ctx.pollIntervalMs,
    timeoutMs,
  });
}

function migrationTable(items: MigrationView[], now: number): string {
  return renderTable(
    ['NAME', 'FROM', 'TO', 'PHASE', 'STEP', 'WEIGHT', 'AGE'],
    items.map((m) => {
      const s = summarizeMigration(m);
      return [
        m.name,
        s.from,
        s.to,
        s.phase,
        `${s.stepsDone}/${s.stepsTotal}`,
        `${s.toPercent}%`,
        humanAge(m.createdAt, now),
      ];
    }),
  );
}

function migrationDetail(view: MigrationView, now: number): string {
  const s = summarizeMigration(view);
  const steps = view.spec.steps ?? DEFAULT_STEPS;
  const states = view.status?.stepStates ?? [];
  const stepRows = steps.map((step, i) => {
    const state = states.find((st) => st.index === i);
    const progress =
      state?.skipped === true
        ? 'skipped'
        : state?.finishedAt !== undefined
          ? 'done'
          : state?.appliedAt !== undefined
            ? 'applied'
            : i + 1 === s.currentStep
              ? 'current'
              : '';
    return [
      String(i + 1),
      `${textBar(step.weightPercent, 100, 10)} ${step.weightPercent}%`,
      `${step.pauseSeconds}s`,
      progress,
      state?.gate?.result ?? '',
    ];
  });
  const weights = (view.status?.weightsApplied ?? []).map((w) => [
    `${w.namespace}/${w.name}`,
    `${w.fromPercent}%`,
    `${w.toPercent}%`,
  ]);
  return [
    migrationTable([view], now),
    '',
    summaryLine(s),
    '',
    'Steps:',
    renderTable(['STEP', 'WEIGHT', 'PAUSE', 'STATE', 'GATE'], stepRows),
    ...(weights.length > 0
      ? [
          '',
          'Weights applied:',
          renderTable(
            ['SERVICE', view.spec.fromCluster.toUpperCase(), view.spec.toCluster.toUpperCase()],
            weights,
          ),
        ]
      : []),
    '',
    conditionsTable(view, now),
  ].join('\n');
}
