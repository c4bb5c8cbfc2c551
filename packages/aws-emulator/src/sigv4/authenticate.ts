// Who sent a request: parse its SigV4 parameters, find the access key, check the session token,
// the signature, the request time and the credentials' expiry — in that order, so a bad secret
// is reported as a bad signature even when the clock is also off.
import type { Caller, Clock } from '../core/contracts.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import type { AccessKey } from '../identity/principals.ts';
import { callerOf } from '../identity/principals.ts';
import type { SignatureParameters } from './parse-signature.ts';
import { formatAmzDate, parseSignature } from './parse-signature.ts';
import { SignatureFailure } from './signature-errors.ts';
import type { RequestToVerify } from './verify-signature.ts';
import { verifySignature } from './verify-signature.ts';
import { queryMap } from './raw-query.ts';

/** AWS accepts request times up to 15 minutes either side of its own clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface Authenticated {
  caller: Caller;
  key: AccessKey;
  params: SignatureParameters;
}

export async function authenticate(request: RequestToVerify, identity: IdentityStore, clock: Clock): Promise<Authenticated> {
  const params = parseSignature(request.headers, queryMap(request.query));
  const key = identity.findAccessKey(params.accessKeyId);
  if (!key) throw new SignatureFailure('unknown-key', 'The security token included in the request is invalid.');
  // Temporary keys are only valid with their own session token; long-term keys with none.
  if (params.sessionToken !== key.sessionToken) {
    throw new SignatureFailure('unknown-key', 'The security token included in the request is invalid.');
  }
  if (params.scopeDate !== params.amzDate.slice(0, 8)) {
    throw new SignatureFailure(
      'mismatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${params.scopeDate}' != '${params.amzDate.slice(0, 8)}', from '${params.amzDate}'.`,
    );
  }
  await verifySignature(request, params, key.secretAccessKey);
  checkRequestTime(params, clock.now());
  if (key.expiration !== undefined && clock.now().getTime() >= key.expiration.getTime()) {
    throw new SignatureFailure('expired-token', 'The security token included in the request is expired');
  }
  return { caller: callerOf(key), key, params };
}

function checkRequestTime(params: SignatureParameters, now: Date): void {
  const sent = params.requestDate.getTime();
  if (params.presigned) {
    if (now.getTime() > sent + (params.expiresSeconds ?? 0) * 1000) {
      throw new SignatureFailure(
        'presign-expired',
        `Request has expired. X-Amz-Date: ${params.amzDate}, X-Amz-Expires: ${params.expiresSeconds}, now: ${formatAmzDate(now)}`,
      );
    }
    if (sent - now.getTime() > MAX_SKEW_MS) throw notYetCurrent(params.amzDate, now);
    return;
  }
  if (now.getTime() - sent > MAX_SKEW_MS) {
    const earliest = new Date(now.getTime() - MAX_SKEW_MS);
    throw new SignatureFailure(
      'skewed',
      `Signature expired: ${params.amzDate} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (sent - now.getTime() > MAX_SKEW_MS) throw notYetCurrent(params.amzDate, now);
}

function notYetCurrent(amzDate: string, now: Date): SignatureFailure {
  const latest = new Date(now.getTime() + MAX_SKEW_MS);
  return new SignatureFailure(
    'skewed',
    `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(latest)} (${formatAmzDate(now)} + 15 min.)`,
  );
}
