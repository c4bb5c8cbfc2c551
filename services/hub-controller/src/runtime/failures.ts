import { AssumeRoleError, AwsCallError } from '@trellis/aws';
import { DependencyError, RequeueAfter } from '@trellis/core';

export interface FailureDescription {
  /** condition reason */
  reason: string;
  /** for a person: what failed, in AWS's or Kubernetes's own words */
  message: string;
  /** what the queue should do next */
  next: Error;
}

/** Waiting on a person (fix a trust policy, a quota) is polled gently, not hammered. */
const TERMINAL_RETRY_MS = 30_000;

/**
 * Turn a failure into a condition reason/message and the error the queue acts on: retryable
 * AWS failures (throttling, 5xx) back off quickly; terminal ones (AccessDenied, validation,
 * quota) are re-checked every 30 s, since nothing on the object changes when IAM is fixed.
 */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof AssumeRoleError) {
    return {
      reason: 'AssumeRoleFailed',
      message: error.message,
      next: error.retryable
        ? new DependencyError('sts', error.message)
        : new RequeueAfter(TERMINAL_RETRY_MS, error.message),
    };
  }
  if (error instanceof AwsCallError) {
    const reason =
      error.code === 'ServiceQuotaExceededException'
        ? 'QuotaExceeded'
        : error.code.includes('AccessDenied')
          ? 'AccessDenied'
          : error.retryable
            ? 'AwsUnavailable'
            : 'AwsRejected';
    return {
      reason,
      message: error.message,
      next: error.retryable
        ? new DependencyError('aws', error.message, error.retryAfterSeconds)
        : new RequeueAfter(TERMINAL_RETRY_MS, error.message),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'Error', message, next: error instanceof Error ? error : new Error(message) };
}
