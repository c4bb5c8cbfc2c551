// Trellis's error classes, defined once: the REST layer maps them exhaustively to HTTP problem
// responses, workers map them to retry / no-retry, controllers to conditions.

export interface FieldProblem {
  /** dotted path into the request or resource, e.g. `spec.networkAccount.roleArn` */
  field: string;
  message: string;
}

abstract class TrellisError extends Error {
  abstract readonly kind: TrellisErrorKind;
}

/** The input is wrong; repeating the request unchanged cannot succeed. */
export class ValidationError extends TrellisError {
  readonly kind = 'validation';
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[], message = 'the request is invalid') {
    super(`${message}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

export class NotFoundError extends TrellisError {
  readonly kind = 'not-found';
  readonly resource: string;
  readonly resourceName: string;

  constructor(resource: string, name: string) {
    super(`${resource} "${name}" not found`);
    this.name = 'NotFoundError';
    this.resource = resource;
    this.resourceName = name;
  }
}

/** The request conflicts with current state (exists already, stale version, still in use). */
export class ConflictError extends TrellisError {
  readonly kind = 'conflict';
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.name = 'ConflictError';
    this.reason = reason;
  }
}

export class UnauthorizedError extends TrellisError {
  readonly kind = 'unauthorized';

  constructor(message = 'a valid bearer token is required') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends TrellisError {
  readonly kind = 'forbidden';

  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A dependency (AWS, a cluster, Redis) failed in a way worth retrying later. */
export class DependencyError extends TrellisError {
  readonly kind = 'dependency';
  readonly dependency: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(dependency: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'DependencyError';
    this.dependency = dependency;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** "Come back in N seconds" as a value: not a failure, so no backoff and no error count. */
export class RequeueAfter extends TrellisError {
  readonly kind = 'requeue';
  readonly delayMs: number;

  constructor(delayMs: number, reason: string) {
    super(`requeue after ${delayMs} ms: ${reason}`);
    this.name = 'RequeueAfter';
    this.delayMs = delayMs;
  }
}

export type TrellisErrorKind =
  'validation' | 'not-found' | 'conflict' | 'unauthorized' | 'forbidden' | 'dependency' | 'requeue';

export type KnownError =
  | ValidationError
  | NotFoundError
  | ConflictError
  | UnauthorizedError
  | ForbiddenError
  | DependencyError
  | RequeueAfter;

export function isKnownError(error: unknown): error is KnownError {
  return error instanceof TrellisError;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** HTTP status for each error kind; exhaustive, so a new kind fails to compile until mapped. */
export function httpStatusOf(error: KnownError): number {
  switch (error.kind) {
    case 'validation':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'dependency':
      return 503;
    case 'requeue':
      return 503;
    default:
      return assertNever(error);
  }
}
