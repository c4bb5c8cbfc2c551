// STS on the awsQuery protocol: Action/Version from the form body (or, for presigned
// GetCallerIdentity URLs, from the query), XML responses — or JSON when the client asks for it
// with Accept: application/json, as aws-iam-authenticator does.
import type { AwsRequest, AwsResponse, Clock, ServiceModule } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import type { XmlObject } from '../core/protocols/aws-query.ts';
import { awsQueryResponse, parseQueryForm } from '../core/protocols/aws-query.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import { STS_XMLNS } from '../server/error-response.ts';
import { assumeRole } from './assume-role.ts';

const VERSION = '2011-06-15';

export interface StsServiceDeps {
  identity: IdentityStore;
  clock: Clock;
}

export function createStsService(deps: StsServiceDeps): ServiceModule {
  return {
    signingName: 'sts',
    protocol: 'awsQuery',
    handle: (request) => Promise.resolve(handleSts(request, deps)),
  };
}

function handleSts(request: AwsRequest, deps: StsServiceDeps): AwsResponse {
  const params =
    request.method === 'GET' ? new Map(request.query.entries()) : parseQueryForm(request.body.toString('utf8'));
  const action = params.get('Action');
  if (action === undefined) {
    throw new AwsError('MissingAction', 'Could not find operation for the request', 400);
  }
  const version = params.get('Version');
  if (version !== VERSION) {
    throw new AwsError(
      'InvalidAction',
      version === undefined ? 'Version is required' : `Could not find operation ${action} for version ${version}`,
      400,
    );
  }
  let result: XmlObject;
  switch (action) {
    case 'GetCallerIdentity':
      request.setOperation?.('GetCallerIdentity', { mutating: false });
      result = { Arn: request.caller.arn, UserId: request.caller.userId, Account: request.caller.accountId };
      break;
    case 'AssumeRole':
      request.setOperation?.('AssumeRole', { mutating: false });
      result = assumeRole(params, request.caller, deps.identity, deps.clock);
      break;
    default:
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);
  }
  if ((request.headers['accept'] ?? '').includes('application/json')) {
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        [`${action}Response`]: { [`${action}Result`]: result, ResponseMetadata: { RequestId: request.requestId } },
      }),
    };
  }
  return awsQueryResponse(action, STS_XMLNS, result, request.requestId);
}
