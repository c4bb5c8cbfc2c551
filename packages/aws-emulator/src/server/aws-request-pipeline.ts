// One AWS API request, from bytes to response: authenticate (SigV4), pick the service module by
// the credential scope's signing name, apply injected faults, run the module, render its errors
// in its protocol, record the call.
import type { Logger } from 'pino';
import type { AwsProtocol, AwsRequest, AwsResponse, Caller, Clock } from '../core/contracts.ts';
import { AwsError } from '../core/contracts.ts';
import type { CallLog } from '../call-log/call-log.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import { faultError } from '../faults/fault-rules.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import { randomRequestId } from '../identity/ids.ts';
import { authenticate } from '../sigv4/authenticate.ts';
import { parseRawQuery } from '../sigv4/raw-query.ts';
import { SignatureFailure } from '../sigv4/signature-errors.ts';
import { errorResponse, signatureFailureError, unknownServiceError } from './error-response.ts';
import type { ServiceRegistry } from './service-registry.ts';
import { protocolOf } from './service-registry.ts';

export interface IncomingRequest {
  method: string;
  /** raw (still percent-encoded) path */
  path: string;
  /** raw query string without '?' */
  rawQuery: string;
  /** lower-cased names */
  headers: Record<string, string>;
  body: Buffer;
}

export interface PipelineDeps {
  identity: IdentityStore;
  clock: Clock;
  registry: ServiceRegistry;
  faults: FaultInjector;
  calls: CallLog;
  logger: Logger;
}

/** What the call log needs, filled in as the request progresses. */
interface CallState {
  service: string;
  region: string;
  protocol: AwsProtocol;
  caller?: Caller;
  operation?: string;
  mutating: boolean;
}

export async function handleAwsRequest(incoming: IncomingRequest, deps: PipelineDeps): Promise<AwsResponse> {
  const requestId = randomRequestId();
  const query = parseRawQuery(incoming.rawQuery);
  const state: CallState = { service: 'unknown', region: '', protocol: guessProtocol(incoming), mutating: false };
  let response: AwsResponse;
  try {
    response = await run(incoming, query, requestId, state, deps);
  } catch (error) {
    response = errorResponse(toAwsError(error, state, deps.logger), state.protocol, requestId, incoming.headers['accept']);
  }
  const latency = deps.faults.takeLatencyMs({
    service: state.service,
    operation: state.operation,
    accountId: state.caller?.accountId,
  });
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  response.headers = { ...response.headers, 'x-amzn-requestid': requestId };
  deps.calls.record({
    time: deps.clock.now().toISOString(),
    requestId,
    service: state.service,
    region: state.region,
    operation: state.operation ?? response.operation,
    callerArn: state.caller?.arn,
    accountId: state.caller?.accountId,
    status: response.status,
    errorCode: response.status >= 300 ? errorCodeOf(response) : undefined,
    mutating: state.mutating || response.mutating === true,
  });
  deps.logger.debug(
    { requestId, service: state.service, operation: state.operation, status: response.status, caller: state.caller?.arn },
    'aws request',
  );
  return response;
}

async function run(
  incoming: IncomingRequest,
  query: Array<[string, string]>,
  requestId: string,
  state: CallState,
  deps: PipelineDeps,
): Promise<AwsResponse> {
  const signed = { method: incoming.method, path: incoming.path, query, headers: incoming.headers, body: incoming.body };
  let authenticated;
  try {
    authenticated = await authenticate(signed, deps.identity, deps.clock);
  } catch (error) {
    if (error instanceof SignatureFailure) {
      const scope = scopeOf(incoming, query);
      if (scope) {
        state.service = scope.service;
        state.region = scope.region;
        state.protocol = protocolOf(scope.service, deps.registry.get(scope.service));
      }
    }
    throw error;
  }
  const { params, caller } = authenticated;
  state.service = params.service;
  state.region = params.region;
  state.caller = caller;
  const module = deps.registry.get(params.service);
  state.protocol = protocolOf(params.service, module);
  if (!module) throw unknownServiceError(params.service, state.protocol);

  const serviceWide = deps.faults.takeFailure({ service: params.service, accountId: caller.accountId }, false);
  if (serviceWide) throw faultError(serviceWide, params.service, state.protocol);

  const request: AwsRequest = {
    service: params.service,
    region: params.region,
    method: incoming.method,
    path: incoming.path.split('?')[0] ?? '/',
    query: new URLSearchParams(query),
    headers: incoming.headers,
    body: incoming.body,
    caller,
    requestId,
    setOperation(name, options) {
      state.operation = name;
      state.mutating = options?.mutating === true;
      // Operation-specific faults fire here, before the module changes anything.
      const rule = deps.faults.takeFailure({ service: params.service, operation: name, accountId: caller.accountId }, true);
      if (rule) throw faultError(rule, params.service, state.protocol);
    },
  };
  const response = await module.handle(request);
  if (response.operation !== undefined && state.operation === undefined) state.operation = response.operation;
  if (response.mutating === true) state.mutating = true;
  return response;
}

function toAwsError(error: unknown, state: CallState, logger: Logger): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof SignatureFailure) return signatureFailureError(error, state.protocol);
  logger.error({ err: error, service: state.service, operation: state.operation }, 'unhandled error in service module');
  return state.protocol === 'awsQuery'
    ? new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500)
    : new AwsError('InternalServerException', 'An internal error occurred.', 500);
}

/** The credential scope, when the authorization could at least be read. */
function scopeOf(incoming: IncomingRequest, query: Array<[string, string]>): { service: string; region: string } | undefined {
  const credential =
    /Credential=([^,\s]+)/.exec(incoming.headers['authorization'] ?? '')?.[1] ??
    query.find(([key]) => key === 'X-Amz-Credential')?.[1];
  const parts = credential?.split('/');
  if (!parts || parts.length !== 5) return undefined;
  return { region: parts[2], service: parts[3] };
}

/** Before the signing name is known: form-encoded bodies and ?Action= are awsQuery (STS). */
function guessProtocol(incoming: IncomingRequest): AwsProtocol {
  const type = incoming.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || /(^|&)Action=/.test(incoming.rawQuery)) return 'awsQuery';
  return 'restJson1';
}

function errorCodeOf(response: AwsResponse): string | undefined {
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    // restJson1: "Code" or "Code:http://internal.amazon.com/…"
    if (name.toLowerCase() === 'x-amzn-errortype') return value.split(':')[0];
  }
  const body = typeof response.body === 'string' ? response.body : response.body?.toString('utf8');
  return body ? (/<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? /"(?:Code|__type)":"([^"]+)"/.exec(body)?.[1]) : undefined;
}
