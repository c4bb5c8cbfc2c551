// The VPC Lattice error shapes (from the service model), as named AwsError subclasses so
// handlers read like the API reference: `throw new ResourceNotFound('SERVICE', id)`.
import { AwsError } from '../core/contracts.ts';

export type ValidationReason =
  'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other';

export interface ValidationField {
  name: string;
  message: string;
}

export class LatticeValidationError extends AwsError {
  constructor(
    message: string,
    reason: ValidationReason = 'fieldValidationFailed',
    fieldList?: ValidationField[],
  ) {
    super('ValidationException', message, 400, fieldList ? { reason, fieldList } : { reason });
  }
}

/** A single field failed its constraint: the common case, with the fieldList AWS returns. */
export function invalidField(name: string, message: string): LatticeValidationError {
  return new LatticeValidationError(`Invalid ${name}: ${message}`, 'fieldValidationFailed', [
    { name, message },
  ]);
}

export class ResourceNotFound extends AwsError {
  constructor(resourceType: string, resourceId: string, message?: string) {
    super('ResourceNotFoundException', message ?? `${resourceType} ${resourceId} not found`, 404, {
      resourceId,
      resourceType,
    });
  }
}

export class LatticeConflict extends AwsError {
  constructor(resourceType: string, resourceId: string, message: string) {
    super('ConflictException', message, 409, { resourceId, resourceType });
  }
}

export class LatticeAccessDenied extends AwsError {
  constructor(message: string) {
    super('AccessDeniedException', message, 403);
  }
}

export class LatticeQuotaExceeded extends AwsError {
  constructor(resourceType: string, quotaCode: string, limit: number, resourceId?: string) {
    super(
      'ServiceQuotaExceededException',
      `You have exceeded the quota for ${resourceType} (${limit}).`,
      402,
      resourceId === undefined
        ? { resourceType, quotaCode, serviceCode: 'vpc-lattice' }
        : { resourceType, quotaCode, serviceCode: 'vpc-lattice', resourceId },
    );
  }
}
