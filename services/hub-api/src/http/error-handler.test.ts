import {
  ConflictError,
  DependencyError,
  ForbiddenError,
  NotFoundError,
  RequeueAfter,
  UnauthorizedError,
  ValidationError,
} from '@trellis/core';
import { KubeApiError } from '@trellis/kube';
import { describe, expect, it } from 'vitest';
import { problemOf } from './error-handler.ts';

describe('problemOf', () => {
  it.each([
    [new ValidationError([{ field: 'name', message: 'is required' }]), 400, 'validation'],
    [new NotFoundError('tenant', 'x'), 404, 'not-found'],
    [new ConflictError('AlreadyExists', 'exists'), 409, 'conflict'],
    [new UnauthorizedError(), 401, 'unauthorized'],
    [new ForbiddenError('no'), 403, 'forbidden'],
    [new DependencyError('aws', 'throttled', 3), 503, 'dependency-unavailable'],
    [new RequeueAfter(1500, 'later'), 503, 'dependency-unavailable'],
  ])('maps %s', (error, status, slug) => {
    const { problem } = problemOf(error);
    expect(problem).toMatchObject({ status, type: `https://trellis.dev/problems/${slug}` });
  });

  it('keeps field problems and retry hints', () => {
    expect(
      problemOf(new ValidationError([{ field: 'name', message: 'is required' }])).problem.errors,
    ).toEqual([{ field: 'name', message: 'is required' }]);
    expect(problemOf(new DependencyError('aws', 'throttled', 3)).headers).toEqual({
      'retry-after': '3',
    });
    expect(problemOf(new RequeueAfter(1500, 'x')).headers).toEqual({ 'retry-after': '2' });
    expect(problemOf(new UnauthorizedError()).headers['www-authenticate']).toContain('Bearer');
  });

  it('maps Kubernetes API errors with the server’s message', () => {
    const exists = problemOf(
      new KubeApiError(409, 'AlreadyExists', 'tenants.trellis.dev "acme" already exists'),
    ).problem;
    expect(exists).toMatchObject({
      status: 409,
      reason: 'AlreadyExists',
      detail: 'tenants.trellis.dev "acme" already exists',
    });
    const invalid = problemOf(
      new KubeApiError(422, 'Invalid', 'Tenant.trellis.dev "acme" is invalid', {
        causes: [{ field: 'spec.networkAccount.region', message: 'Invalid value: "x"' }],
      }),
    ).problem;
    expect(invalid).toMatchObject({
      status: 400,
      type: 'https://trellis.dev/problems/validation',
      detail: 'Tenant.trellis.dev "acme" is invalid',
      errors: [{ field: 'spec.networkAccount.region', message: 'Invalid value: "x"' }],
    });
    expect(problemOf(new KubeApiError(403, 'Forbidden', 'rbac says no')).problem.status).toBe(503);
    expect(problemOf(new KubeApiError(500, 'InternalError', 'boom')).problem.status).toBe(503);
  });

  it('hides everything about unexpected errors', () => {
    const { problem } = problemOf(new Error('secret internals at /src/x.ts:1'));
    expect(problem).toEqual({
      type: 'https://trellis.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'an unexpected error occurred; it has been logged',
    });
  });
});
