// One place that turns an AwsError into the wire shape of a protocol, and SigV4 failures into
// the codes each protocol's services really answer with.
import type { AwsProtocol, AwsResponse } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import { awsQueryError } from '../core/protocols/aws-query.ts';
import { restJsonError } from '../core/protocols/rest-json.ts';
import type { SignatureFailure } from '../sigv4/signature-errors.ts';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function errorResponse(
  error: AwsError,
  protocol: AwsProtocol,
  requestId: string,
  accept = '',
): AwsResponse {
  if (protocol === 'restJson1') return restJsonError(error, requestId);
  // STS answers in JSON when asked (aws-iam-authenticator does), errors included.
  if (accept.includes('application/json')) {
    return {
      status: error.status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Error: { Code: error.code, Message: error.message, Type: error.faultType }, RequestId: requestId }),
    };
  }
  return awsQueryError(error, STS_XMLNS, requestId);
}

export function signatureFailureError(failure: SignatureFailure, protocol: AwsProtocol): AwsError {
  const query = protocol === 'awsQuery';
  switch (failure.kind) {
    case 'missing':
      return query
        ? new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
        : new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    case 'incomplete':
      return new AwsError(query ? 'IncompleteSignature' : 'IncompleteSignatureException', failure.message, 400);
    case 'unknown-key':
      return new AwsError(query ? 'InvalidClientTokenId' : 'UnrecognizedClientException', failure.message, 403);
    case 'mismatch':
    case 'skewed':
      return new AwsError(query ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', failure.message, 403);
    case 'presign-expired':
      return new AwsError(query ? 'AccessDenied' : 'AccessDeniedException', failure.message, 403);
    case 'expired-token':
      return new AwsError(query ? 'ExpiredToken' : 'ExpiredTokenException', failure.message, 403);
  }
}

/** A request signed for a signing name no module serves (one endpoint serves every service). */
export function unknownServiceError(service: string, protocol: AwsProtocol): AwsError {
  return new AwsError(
    protocol === 'awsQuery' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
    `Credential should be scoped to correct service: '${service}' is not served by this endpoint.`,
    403,
  );
}
