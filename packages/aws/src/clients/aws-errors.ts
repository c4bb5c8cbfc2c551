// Classifies AWS SDK errors once, so controllers can say whether waiting helps and conditions
// can quote AWS's own code and words.

const RETRYABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServerInternalException',
  'ResourceShareLimitExceededException',
]);

/** An AWS call failed; `retryable` says whether the same call may succeed later. */
export class AwsCallError extends Error {
  readonly operation: string;
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(operation: string, cause: unknown) {
    const code = (cause as { name?: string } | null)?.name ?? 'UnknownError';
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`${operation} failed: ${code}: ${message}`);
    this.name = 'AwsCallError';
    this.operation = operation;
    this.code = code;
    const meta = (cause as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
    this.httpStatus = meta?.httpStatusCode;
    const retryAfter = (cause as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    this.retryAfterSeconds = typeof retryAfter === 'number' ? retryAfter : undefined;
    this.retryable =
      RETRYABLE.has(code) ||
      this.httpStatus === undefined ||
      (this.httpStatus >= 500 && this.httpStatus < 600);
  }
}

export function errorCode(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

export function isAwsNotFound(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ResourceNotFoundException' || code === 'UnknownResourceException';
}

/** Run one AWS call, turning any failure into an AwsCallError naming the operation. */
export async function awsCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AwsCallError(operation, error);
  }
}
