// What every command action gets: the IO, a lazily built API client, and the shared options
// (--tenant defaulting from a tenant token, -o, --wait/--timeout).
import type { Command } from 'commander';
import { ApiClient } from '../api/api-client.ts';
import { UsageError } from '../cli-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { resolveConnection, tenantOfToken } from '../config/cli-config.ts';
import { parseDuration } from '../duration.ts';
import { OUTPUT_FORMATS, parseOutputFormat, type OutputFormat } from '../output/output-format.ts';

export const DEFAULT_WAIT_TIMEOUT = '5m';
/** How often --wait and --watch poll; TRELLIS_POLL_INTERVAL_MS shortens it in tests. */
const DEFAULT_POLL_INTERVAL_MS = 2000;

export class CommandContext {
  readonly io: CliIo;
  private clientPromise: Promise<ApiClient> | undefined;

  constructor(io: CliIo) {
    this.io = io;
  }

  client(): Promise<ApiClient> {
    this.clientPromise ??= resolveConnection(this.io.env).then((c) => new ApiClient(c));
    return this.clientPromise;
  }

  /** --tenant, else the tenant of a tenant token, else a usage error. */
  async tenant(explicit: string | undefined): Promise<string> {
    if (explicit !== undefined && explicit !== '') return explicit;
    const connection = await resolveConnection(this.io.env);
    const fromToken = tenantOfToken(connection.token);
    if (fromToken !== undefined) return fromToken;
    throw new UsageError('--tenant is required (the admin token belongs to no tenant)');
  }

  get now(): number {
    return this.io.now();
  }

  get pollIntervalMs(): number {
    const fromEnv = Number(this.io.env.TRELLIS_POLL_INTERVAL_MS);
    return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_POLL_INTERVAL_MS;
  }
}

export function addOutputOption(command: Command): Command {
  return command.option(
    '-o, --output <format>',
    `output format: ${OUTPUT_FORMATS.join(', ')}`,
    'table',
  );
}

export function addWaitOptions(command: Command, what: string): Command {
  return command
    .option('--wait', `wait until ${what}`)
    .option('--timeout <duration>', 'how long --wait waits (e.g. 90s, 5m)', DEFAULT_WAIT_TIMEOUT);
}

export function outputOf(options: { output?: string }): OutputFormat {
  return parseOutputFormat(options.output);
}

export function timeoutOf(options: { timeout?: string }): number {
  return parseDuration(options.timeout ?? DEFAULT_WAIT_TIMEOUT, '--timeout');
}
