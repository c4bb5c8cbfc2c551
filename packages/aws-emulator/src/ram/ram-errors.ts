// RAM's modelled error shapes (com.amazonaws.ram), as named AwsError subclasses so handlers read
// like the API reference. Codes and HTTP statuses are taken from the service model shipped in
// @aws-sdk/client-ram (all client errors are 400; ServerInternalException 500).
import { AwsError } from '../core/contracts.ts';

export class IdempotentParameterMismatchException extends AwsError {
  constructor(message: string) {
    super('IdempotentParameterMismatchException', message, 400);
  }
}

export class InvalidClientTokenException extends AwsError {
  constructor(message: string) {
    super('InvalidClientTokenException', message, 400);
  }
}

export class InvalidMaxResultsException extends AwsError {
  constructor(message: string) {
    super('InvalidMaxResultsException', message, 400);
  }
}

export class InvalidNextTokenException extends AwsError {
  constructor(message: string) {
    super('InvalidNextTokenException', message, 400);
  }
}

export class InvalidParameterException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message, 400);
  }
}

export class InvalidResourceTypeException extends AwsError {
  constructor(message: string) {
    super('InvalidResourceTypeException', message, 400);
  }
}

export class InvalidStateTransitionException extends AwsError {
  constructor(message: string) {
    super('InvalidStateTransitionException', message, 400);
  }
}

export class MalformedArnException extends AwsError {
  constructor(message: string) {
    super('MalformedArnException', message, 400);
  }
}

export class MissingRequiredParameterException extends AwsError {
  constructor(parameter: string) {
    super(
      'MissingRequiredParameterException',
      `The request must contain the parameter ${parameter}.`,
      400,
    );
  }
}

export class OperationNotPermittedException extends AwsError {
  constructor(message: string) {
    super('OperationNotPermittedException', message, 400);
  }
}

export class ResourceShareInvitationAlreadyAcceptedException extends AwsError {
  constructor(invitationArn: string) {
    super(
      'ResourceShareInvitationAlreadyAcceptedException',
      `The invitation ${invitationArn} has already been accepted.`,
      400,
    );
  }
}

export class ResourceShareInvitationAlreadyRejectedException extends AwsError {
  constructor(invitationArn: string) {
    super(
      'ResourceShareInvitationAlreadyRejectedException',
      `The invitation ${invitationArn} has already been rejected.`,
      400,
    );
  }
}

export class ResourceShareInvitationArnNotFoundException extends AwsError {
  constructor(invitationArn: string) {
    super(
      'ResourceShareInvitationArnNotFoundException',
      `Invitation ${invitationArn} could not be found.`,
      400,
    );
  }
}

export class ResourceShareInvitationExpiredException extends AwsError {
  constructor(invitationArn: string) {
    super(
      'ResourceShareInvitationExpiredException',
      `The invitation ${invitationArn} has expired.`,
      400,
    );
  }
}

export class TagLimitExceededException extends AwsError {
  constructor(message: string) {
    super('TagLimitExceededException', message, 400);
  }
}

export class TagPolicyViolationException extends AwsError {
  constructor(message: string) {
    super('TagPolicyViolationException', message, 400);
  }
}

export class UnknownResourceException extends AwsError {
  constructor(message: string) {
    super('UnknownResourceException', message, 400);
  }
}

/** restJson1 services answer an unmodelled path with UnknownOperationException (404). */
export class UnknownOperationException extends AwsError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', `No operation matches ${method} ${path}.`, 404);
  }
}
