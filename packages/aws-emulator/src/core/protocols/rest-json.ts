// restJson1 (VPC Lattice, RAM, EKS): JSON bodies, errors named by the x-amzn-errortype header
// (the SDK also reads `__type`/`code` from the body), members bound to headers where the model
// says so (retryAfterSeconds → Retry-After).
import type { AwsError, AwsResponse } from '../contracts.ts';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function restJsonError(error: AwsError, requestId: string): AwsResponse {
  const headers: Record<string, string> = {
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': requestId,
  };
  const body: Record<string, unknown> = { message: error.message };
  for (const [key, value] of Object.entries(error.fields)) {
    if (key === 'retryAfterSeconds') headers['retry-after'] = String(value);
    else body[key] = value;
  }
  return jsonResponse(error.status, body, headers);
}

/** restJson1 timestamps default to epoch seconds (fractional allowed). */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
