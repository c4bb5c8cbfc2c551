// RFC 9457 problem details: the one error body hub-api sends, with stable `type` URIs that
// clients can switch on (the `title` is for people and may change).
import type { FieldProblem } from '@trellis/core';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://trellis.dev/problems/';

export const PROBLEM_TYPES = {
  validation: { slug: 'validation', title: 'The request is invalid' },
  malformedJson: { slug: 'malformed-json', title: 'The request body is not valid JSON' },
  unauthorized: { slug: 'unauthorized', title: 'Authentication required' },
  forbidden: { slug: 'forbidden', title: 'Not allowed' },
  notFound: { slug: 'not-found', title: 'Not found' },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'Method not allowed' },
  conflict: { slug: 'conflict', title: 'Conflict with the current state' },
  payloadTooLarge: { slug: 'payload-too-large', title: 'The request body is too large' },
  unsupportedMediaType: { slug: 'unsupported-media-type', title: 'Unsupported content type' },
  dependency: { slug: 'dependency-unavailable', title: 'A dependency is unavailable' },
  internal: { slug: 'internal', title: 'Internal error' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** field-level problems of a validation failure */
  errors?: FieldProblem[];
  /** machine-readable reason of a conflict, e.g. AlreadyExists */
  reason?: string;
}

export function problemTypeUri(kind: ProblemKind): string {
  return `${PROBLEM_BASE}${PROBLEM_TYPES[kind].slug}`;
}

export function problem(
  kind: ProblemKind,
  status: number,
  detail: string,
  extra: { errors?: FieldProblem[]; reason?: string } = {},
): Problem {
  return {
    type: problemTypeUri(kind),
    title: PROBLEM_TYPES[kind].title,
    status,
    detail,
    ...(extra.errors !== undefined ? { errors: extra.errors } : {}),
    ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
  };
}

/**
 * HTTP-level failures that are not domain errors (wrong method, media type, size): thrown by the
 * framework glue and mapped by the same error handler as everything else.
 */
export class HttpProblemError extends Error {
  readonly problemKind: ProblemKind;
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  /** field problems of a well-formed request whose content is refused (422) */
  readonly errors: FieldProblem[] | undefined;

  constructor(
    problemKind: ProblemKind,
    statusCode: number,
    message: string,
    headers: Record<string, string> = {},
    errors?: FieldProblem[],
  ) {
    super(message);
    this.name = 'HttpProblemError';
    this.problemKind = problemKind;
    this.statusCode = statusCode;
    this.headers = headers;
    this.errors = errors;
  }
}

/** 422: the body has the right shape but its content is refused (a bad plan, an immutable field). */
export function unprocessable(problems: FieldProblem[]): HttpProblemError {
  return new HttpProblemError(
    'validation',
    422,
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    {},
    problems,
  );
}
