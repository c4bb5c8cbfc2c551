// What can go wrong in a command, each with the exit code it means (docs/cli.md, "Exit codes").
// Commands throw these; run-cli.ts prints them and returns the code.
import type { Problem } from './api/problem.ts';
import { problemLines } from './api/problem.ts';

export const EXIT_CODES = {
  ok: 0,
  /** the server answered 4xx (other than 404 for a resource): it said no */
  rejected: 1,
  /** the command line is wrong: unknown command or option, missing flag, bad value */
  usage: 2,
  /** the named resource does not exist (or is another tenant's) */
  notFound: 3,
  /** the server cannot be reached, or answered 5xx */
  unavailable: 4,
  /** --wait/--watch gave up after --timeout */
  timeout: 5,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;

  /** The lines printed on stderr, the message first. */
  lines(): string[] {
    return [this.message];
  }
}

export class UsageError extends CliError {
  readonly exitCode = EXIT_CODES.usage;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem+json answer (or a non-problem 4xx) from the server. */
export class ApiProblemError extends CliError {
  readonly exitCode: ExitCode;
  readonly problem: Problem;
  readonly path: string;
  /** field → the flag that set it, shown next to field errors */
  private flagHints: Record<string, string> = {};

  constructor(problem: Problem, path: string) {
    super(problem.title);
    this.name = 'ApiProblemError';
    this.problem = problem;
    this.path = path;
    this.exitCode = problem.status === 404 ? EXIT_CODES.notFound : EXIT_CODES.rejected;
  }

  withFlagHints(hints: Record<string, string>): this {
    this.flagHints = hints;
    return this;
  }

  override lines(): string[] {
    const lines = problemLines(this.problem, this.flagHints);
    if (this.problem.status === 401) {
      lines.push(
        'hint: log in again with `trellis login --server URL --token TOKEN` (or set TRELLIS_TOKEN)',
      );
    }
    return lines;
  }
}

/** No answer at all (connection refused, DNS, timeout), or a 5xx. */
export class ServerUnavailableError extends CliError {
  readonly exitCode = EXIT_CODES.unavailable;
  readonly detail: string[];

  constructor(message: string, detail: string[] = []) {
    super(message);
    this.name = 'ServerUnavailableError';
    this.detail = detail;
  }

  override lines(): string[] {
    return [this.message, ...this.detail];
  }
}

/** The server has no route for a feature this CLI knows (an older hub-api). */
export class UnsupportedFeatureError extends CliError {
  readonly exitCode = EXIT_CODES.rejected;

  constructor(feature: string, method: string, path: string) {
    super(`the server does not support ${feature} yet (404 on ${method} ${path})`);
    this.name = 'UnsupportedFeatureError';
  }
}

export class WaitTimeoutError extends CliError {
  readonly exitCode = EXIT_CODES.timeout;
  readonly detail: string[];

  constructor(message: string, detail: string[] = []) {
    super(message);
    this.name = 'WaitTimeoutError';
    this.detail = detail;
  }

  override lines(): string[] {
    return [this.message, ...this.detail];
  }
}

/** Something the user waited for ended badly (a migration failed, a cluster spec is invalid). */
export class OutcomeError extends CliError {
  readonly exitCode = EXIT_CODES.rejected;
  readonly detail: string[];

  constructor(message: string, detail: string[] = []) {
    super(message);
    this.name = 'OutcomeError';
    this.detail = detail;
  }

  override lines(): string[] {
    return [this.message, ...this.detail];
  }
}
