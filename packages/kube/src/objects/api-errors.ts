/** A non-2xx answer from the API server, carrying its metav1.Status. */
export class KubeApiError extends Error {
  readonly statusCode: number;
  /** metav1.Status reason, e.g. NotFound, Conflict, Invalid, Forbidden */
  readonly reason: string;
  readonly details: unknown;

  constructor(statusCode: number, reason: string, message: string, details?: unknown) {
    super(message);
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.reason = reason;
    this.details = details;
  }
}

/** The HTTP status of an API error, or undefined for transport failures (timeouts, resets). */
export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof KubeApiError) return error.statusCode;
  const candidate = error as { statusCode?: unknown; code?: unknown } | null;
  if (typeof candidate?.statusCode === 'number') return candidate.statusCode;
  return typeof candidate?.code === 'number' ? candidate.code : undefined;
}

/** Only a 404 means "not found": a timeout or a 403 must never be taken for absence. */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

export function isConflict(error: unknown): boolean {
  return statusCodeOf(error) === 409;
}
