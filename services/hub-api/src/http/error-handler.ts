// The one place errors become HTTP answers: core's error classes (exhaustively), Kubernetes API
// errors from the management cluster, Fastify's own 4xx errors, and anything else as a 500
// without internals. Bad input is always a 4xx.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  assertNever,
  httpStatusOf,
  isKnownError,
  type FieldProblem,
  type KnownError,
} from '@trellis/core';
import { KubeApiError } from '@trellis/kube';
import { HttpProblemError, problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.ts';
import { fieldProblemsOf, type SchemaError } from './validation-errors.ts';

export function problemOf(error: unknown): { problem: Problem; headers: Record<string, string> } {
  if (isKnownError(error)) return { problem: knownProblem(error), headers: knownHeaders(error) };
  if (error instanceof HttpProblemError) {
    return {
      problem: problem(
        error.problemKind,
        error.statusCode,
        error.message,
        error.errors !== undefined ? { errors: error.errors } : {},
      ),
      headers: error.headers,
    };
  }
  if (error instanceof KubeApiError) return { problem: kubeProblem(error), headers: {} };
  const fastifyError = error as Partial<FastifyError> & { validation?: SchemaError[] };
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'body';
    const errors = fieldProblemsOf(fastifyError.validation);
    return {
      problem: problem('validation', 400, `the request ${part} is invalid`, { errors }),
      headers: {},
    };
  }
  const framework = frameworkProblem(fastifyError);
  if (framework !== undefined) return { problem: framework, headers: {} };
  if (isTransportError(error)) {
    return {
      problem: problem('dependency', 503, 'the management cluster is not reachable; retry later'),
      headers: { 'retry-after': '5' },
    };
  }
  return {
    problem: problem('internal', 500, 'an unexpected error occurred; it has been logged'),
    headers: {},
  };
}

function knownProblem(error: KnownError): Problem {
  const status = httpStatusOf(error);
  switch (error.kind) {
    case 'validation':
      return problem('validation', status, 'the request is invalid', { errors: error.problems });
    case 'not-found':
      return problem('notFound', status, error.message);
    case 'conflict':
      return problem('conflict', status, error.message, { reason: error.reason });
    case 'unauthorized':
      return problem('unauthorized', status, error.message);
    case 'forbidden':
      return problem('forbidden', status, error.message);
    case 'dependency':
      return problem('dependency', status, `${error.dependency}: ${error.message}`);
    case 'requeue':
      return problem('dependency', status, 'the operation is still in progress; retry later');
    default:
      return assertNever(error);
  }
}

function knownHeaders(error: KnownError): Record<string, string> {
  if (error.kind === 'unauthorized') return { 'www-authenticate': 'Bearer realm="trellis"' };
  if (error.kind === 'dependency' && error.retryAfterSeconds !== undefined) {
    return { 'retry-after': String(error.retryAfterSeconds) };
  }
  if (error.kind === 'requeue') return { 'retry-after': String(Math.ceil(error.delayMs / 1000)) };
  return {};
}

function kubeProblem(error: KubeApiError): Problem {
  switch (error.statusCode) {
    case 409:
      return problem('conflict', 409, error.message, { reason: error.reason });
    case 400:
    case 422:
      return problem('validation', 400, error.message, { errors: kubeCauses(error) });
    case 404:
      return problem('notFound', 404, error.message);
    default:
      // 401/403 mean hub-api's own identity lacks RBAC, 429/5xx a busy server: not the client's fault.
      return problem(
        'dependency',
        503,
        `the management cluster answered ${error.statusCode} (${error.reason})`,
      );
  }
}

function kubeCauses(error: KubeApiError): FieldProblem[] {
  const causes = (error.details as { causes?: { field?: string; message?: string }[] } | undefined)
    ?.causes;
  if (!Array.isArray(causes) || causes.length === 0)
    return [{ field: '(body)', message: error.message }];
  return causes.map((c) => ({ field: c.field ?? '(body)', message: c.message ?? 'is invalid' }));
}

function frameworkProblem(error: Partial<FastifyError>): Problem | undefined {
  const status = error.statusCode;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupportedMediaType',
        415,
        'send application/json (or application/merge-patch+json for PATCH)',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payloadTooLarge', 413, 'the request body exceeds the size limit');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformedJson', 400, 'the body is empty but the content type says JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('malformedJson', 400, 'the body is not valid JSON');
    default:
      break;
  }
  if (error instanceof SyntaxError || error.name === 'SyntaxError') {
    return problem('malformedJson', 400, 'the body is not valid JSON');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Other Fastify 4xx (bad content length, proto poisoning, ...): say what, not how.
    return problem(
      'validation',
      status === 413 ? 413 : 400,
      error.message ?? 'the request is invalid',
    );
  }
  return undefined;
}

function isTransportError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)
  );
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const { problem: body, headers } = problemOf(error);
  body.instance = request.url.split('?')[0];
  if (body.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status: body.status, problem: body.type }, 'request rejected');
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
}
