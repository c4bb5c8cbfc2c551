// Poll a migration until it ends, feeding the progress view: Succeeded is exit 0, Failed,
// Aborted or Rejected exit 1, and --timeout exit 5 (the migration itself goes on).
import { OutcomeError, WaitTimeoutError } from '../cli-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { progressViewFor } from './migration-progress.ts';
import { summarizeMigration, TERMINAL_PHASES, type MigrationView } from './migration-view.ts';

export interface WatchOptions {
  io: CliIo;
  fetch: () => Promise<MigrationView>;
  intervalMs: number;
  /** 0: no limit */
  timeoutMs: number;
}

export async function watchMigration(options: WatchOptions): Promise<MigrationView> {
  const { io } = options;
  const view = progressViewFor(io.stdout);
  const started = io.now();
  try {
    for (;;) {
      const migration = await options.fetch();
      const summary = summarizeMigration(migration);
      view.update(summary);
      if (TERMINAL_PHASES.includes(summary.phase)) {
        if (summary.phase === 'Succeeded') return migration;
        const rejections =
          (
            migration.status as
              { rejections?: { namespace?: string; name?: string; message: string }[] } | undefined
          )?.rejections ?? [];
        throw new OutcomeError(
          `migration ${summary.name} ended ${summary.phase}${summary.note !== '' ? `: ${summary.note}` : ''}`,
          rejections.map(
            (r) => `  ${r.namespace !== undefined ? `${r.namespace}/${r.name}: ` : ''}${r.message}`,
          ),
        );
      }
      if (options.timeoutMs > 0 && io.now() - started >= options.timeoutMs) {
        throw new WaitTimeoutError(
          `stopped watching migration ${summary.name} after ${Math.round((io.now() - started) / 1000)}s; it is still ${summary.phase}`,
        );
      }
      await io.sleep(options.intervalMs);
    }
  } finally {
    view.stop();
  }
}
