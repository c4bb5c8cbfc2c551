// The body of POST /v1/tenants/{tenant}/migrations: {name, spec} with spec a ClusterMigrationSpec
// (packages/core/src/api/cluster-migration.ts), from flags or -f FILE.
import { UsageError } from '../cli-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { readBodyFile } from '../commands/tenant-request.ts';
import { parseDuration } from '../duration.ts';
import type { MigrationStepView } from './migration-view.ts';

export interface MigrationFlags {
  file?: string;
  from?: string;
  to?: string;
  all?: boolean;
  service?: string[];
  selector?: string;
  steps?: string;
  failurePolicy?: string;
  finish?: string;
  paused?: boolean;
}

export const MIGRATION_FIELD_FLAGS: Record<string, string> = {
  name: 'NAME',
  'spec.fromCluster': '--from',
  'spec.toCluster': '--to',
  'spec.services': '--all / --service / --selector',
  'spec.steps': '--steps',
  'spec.failurePolicy': '--failure-policy',
  'spec.finish': '--finish',
};

export async function migrationRequest(
  io: CliIo,
  name: string | undefined,
  flags: MigrationFlags,
): Promise<{ name: string; spec: Record<string, unknown> }> {
  if (flags.file !== undefined) {
    const body = await readBodyFile(io, flags.file);
    const finalName = name ?? body.name;
    if (typeof finalName !== 'string' || finalName === '')
      throw new UsageError(`${flags.file}: no name (give NAME or a "name" field)`);
    return { name: finalName, spec: body.spec };
  }
  if (name === undefined) throw new UsageError('a migration NAME is required (or -f FILE)');
  if (flags.from === undefined || flags.to === undefined)
    throw new UsageError('--from and --to are required (the clusters traffic moves from and to)');
  const chosen = [
    flags.all === true,
    (flags.service ?? []).length > 0,
    flags.selector !== undefined,
  ].filter(Boolean).length;
  if (chosen !== 1)
    throw new UsageError(
      'choose the services with exactly one of --all, --service NS/NAME (repeatable) or --selector k=v,…',
    );
  return {
    name,
    spec: {
      fromCluster: flags.from,
      toCluster: flags.to,
      services: servicesOf(flags),
      ...(flags.steps !== undefined ? { steps: parseSteps(flags.steps) } : {}),
      ...(flags.failurePolicy !== undefined ? { failurePolicy: flags.failurePolicy } : {}),
      ...(flags.finish !== undefined ? { finish: flags.finish } : {}),
      ...(flags.paused === true ? { paused: true } : {}),
    },
  };
}

function servicesOf(flags: MigrationFlags): Record<string, unknown> {
  if (flags.all === true) return { all: true };
  if (flags.selector !== undefined) {
    const matchLabels: Record<string, string> = {};
    for (const pair of flags.selector.split(',')) {
      const [key, value, ...rest] = pair.split('=');
      if (key === undefined || key === '' || value === undefined || rest.length > 0) {
        throw new UsageError(`--selector: "${pair}" is not key=value`);
      }
      matchLabels[key] = value;
    }
    return { selector: { matchLabels } };
  }
  return {
    list: (flags.service ?? []).map((ref) => {
      const [namespace, name, ...rest] = ref.split('/');
      if (
        namespace === undefined ||
        name === undefined ||
        namespace === '' ||
        name === '' ||
        rest.length > 0
      ) {
        throw new UsageError(`--service: "${ref}" is not NAMESPACE/NAME`);
      }
      return { namespace, name };
    }),
  };
}

/** `10:5m,25:10m,50:10m,100` → steps; a step without a pause holds 0 s. */
export function parseSteps(text: string): MigrationStepView[] {
  return text.split(',').map((part) => {
    const [weight, pause, ...rest] = part.split(':');
    if (weight === undefined || !/^\d{1,3}$/.test(weight) || rest.length > 0) {
      throw new UsageError(
        `--steps: "${part}" is not PERCENT[:PAUSE] (e.g. 10:5m,25:10m,50:10m,100)`,
      );
    }
    return {
      weightPercent: Number(weight),
      pauseSeconds: pause === undefined ? 0 : Math.round(parseDuration(pause, '--steps') / 1000),
    };
  });
}
