// RFC 9457 problem details as hub-api sends them (docs/api.md, "Errors"), and how they are shown.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  reason?: string;
  errors?: FieldError[];
}

const NOT_FOUND_TYPE = 'https://trellis.dev/problems/not-found';

/** The body as a Problem, or a synthetic one when the server sent something else. */
export function problemOf(status: number, statusText: string, body: unknown): Problem {
  if (typeof body === 'object' && body !== null) {
    const b = body as Partial<Problem>;
    if (typeof b.title === 'string') {
      return {
        type: typeof b.type === 'string' ? b.type : 'about:blank',
        title: b.title,
        status: typeof b.status === 'number' ? b.status : status,
        detail: typeof b.detail === 'string' ? b.detail : '',
        ...(typeof b.instance === 'string' ? { instance: b.instance } : {}),
        ...(typeof b.reason === 'string' ? { reason: b.reason } : {}),
        ...(Array.isArray(b.errors) ? { errors: b.errors.filter(isFieldError) } : {}),
      };
    }
  }
  const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status, detail: text };
}

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return typeof v?.field === 'string' && typeof v.message === 'string';
}

/**
 * True when a 404 means "no such route" rather than "no such resource": hub-api answers an
 * unknown path with `route "<path>" not found`; a server that is not hub-api sends no problem.
 */
export function isRouteMissing(problem: Problem): boolean {
  if (problem.status !== 404) return false;
  if (problem.type !== NOT_FOUND_TYPE) return true;
  return problem.detail.startsWith('route "');
}

/** Title, detail, reason and each field error on its own line. */
export function problemLines(problem: Problem, flagHints: Record<string, string> = {}): string[] {
  const lines = [`error: ${problem.title} (HTTP ${problem.status})`];
  if (problem.detail !== '' && problem.detail !== problem.title) lines.push(problem.detail);
  if (problem.reason !== undefined) lines.push(`reason: ${problem.reason}`);
  for (const e of problem.errors ?? []) {
    const flag = flagHints[e.field];
    lines.push(`  ${e.field}${flag !== undefined ? ` (${flag})` : ''}: ${e.message}`);
  }
  return lines;
}
