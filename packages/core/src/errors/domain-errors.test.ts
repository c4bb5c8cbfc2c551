import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DependencyError,
  ForbiddenError,
  httpStatusOf,
  isKnownError,
  NotFoundError,
  RequeueAfter,
  UnauthorizedError,
  ValidationError,
} from './domain-errors.ts';

describe('domain errors', () => {
  it('map to HTTP statuses', () => {
    expect(httpStatusOf(new ValidationError([{ field: 'a', message: 'b' }]))).toBe(400);
    expect(httpStatusOf(new UnauthorizedError())).toBe(401);
    expect(httpStatusOf(new ForbiddenError('no'))).toBe(403);
    expect(httpStatusOf(new NotFoundError('tenant', 'x'))).toBe(404);
    expect(httpStatusOf(new ConflictError('AlreadyExists', 'x'))).toBe(409);
    expect(httpStatusOf(new DependencyError('aws', 'throttled', 2))).toBe(503);
    expect(httpStatusOf(new RequeueAfter(1000, 'waiting'))).toBe(503);
  });

  it('name the fields in validation messages and are recognisable', () => {
    const error = new ValidationError([{ field: 'spec.region', message: 'not a region' }]);
    expect(error.message).toBe('the request is invalid: spec.region: not a region');
    expect(isKnownError(error)).toBe(true);
    expect(isKnownError(new Error('x'))).toBe(false);
  });
});
