// `--wait`: poll a resource until Ready=True for its current generation, printing each condition
// when it changes; give up after the timeout (exit 5) or when the spec is invalid (exit 1).
import { ApiProblemError, OutcomeError, WaitTimeoutError } from '../cli-errors.ts';
import { writeLine, type CliIo } from '../cli-io.ts';
import {
  conditionLine,
  conditionOf,
  conditionsOf,
  isCurrent,
  isReady,
  type ResourceView,
} from '../output/conditions.ts';

export interface WaitOptions<T extends ResourceView> {
  io: CliIo;
  /** e.g. `cluster acme/blue` */
  what: string;
  fetch: () => Promise<T>;
  timeoutMs: number;
  intervalMs: number;
}

export async function waitForReady<T extends ResourceView>(options: WaitOptions<T>): Promise<T> {
  const { io, what } = options;
  const started = io.now();
  const printChanges = conditionPrinter(io, what, started);
  writeLine(
    io.stderr,
    `waiting up to ${Math.round(options.timeoutMs / 1000)}s for ${what} to be Ready…`,
  );
  for (;;) {
    const view = await options.fetch();
    printChanges(view);
    if (isReady(view)) {
      writeLine(io.stderr, `${what} is Ready`);
      return view;
    }
    const valid = conditionOf(view, 'Valid');
    if (valid?.status === 'False' && isCurrent(view)) {
      throw new OutcomeError(`${what} will not become Ready: its spec is invalid`, [
        conditionLine(valid),
      ]);
    }
    if (io.now() - started >= options.timeoutMs) {
      throw new WaitTimeoutError(
        `timed out after ${elapsed(io.now() - started)} waiting for ${what} to be Ready`,
        conditionsOf(view).map((c) => `  ${conditionLine(c)}`),
      );
    }
    await io.sleep(
      Math.min(options.intervalMs, Math.max(0, options.timeoutMs - (io.now() - started))),
    );
  }
}

/** `delete --wait`: poll until the resource answers 404. */
export async function waitForGone(options: WaitOptions<ResourceView>): Promise<void> {
  const { io, what } = options;
  const started = io.now();
  const printChanges = conditionPrinter(io, what, started);
  writeLine(
    io.stderr,
    `waiting up to ${Math.round(options.timeoutMs / 1000)}s for ${what} to be deleted…`,
  );
  for (;;) {
    try {
      printChanges(await options.fetch());
    } catch (error) {
      if (error instanceof ApiProblemError && error.problem.status === 404) {
        writeLine(io.stderr, `${what} is gone`);
        return;
      }
      throw error;
    }
    if (io.now() - started >= options.timeoutMs) {
      throw new WaitTimeoutError(
        `timed out after ${elapsed(io.now() - started)} waiting for ${what} to be deleted`,
      );
    }
    await io.sleep(options.intervalMs);
  }
}

/** Prints a condition line whenever a condition's status, reason or message changes. */
function conditionPrinter(io: CliIo, what: string, started: number): (view: ResourceView) => void {
  const seen = new Map<string, string>();
  return (view) => {
    for (const c of conditionsOf(view)) {
      const line = conditionLine(c);
      if (seen.get(c.type) === line) continue;
      seen.set(c.type, line);
      writeLine(io.stderr, `[${elapsed(io.now() - started)}] ${what}: ${line}`);
    }
  };
}

function elapsed(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}
