// One restJson1 operation: HTTP method + URI template (from the SDK's model), success status,
// and the handler. The router (router.ts) matches requests against these.
import type { OperationContext } from './context.ts';
import { optString } from './validate.ts';

export interface Route {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** URI template, e.g. /services/{serviceIdentifier}/listeners */
  path: string;
  /** the success status the model declares (201 for most creates, 204 for some deletes) */
  status: number;
  mutating: boolean;
  handler(ctx: OperationContext): unknown;
}

const CLIENT_TOKEN = { min: 1, max: 64, pattern: /^[!-~]+$/ };

function requestFingerprint(ctx: OperationContext): unknown {
  return { labels: ctx.labels, body: ctx.body };
}

/** For idempotent creates: the record an earlier call with this clientToken created, if any. */
export function replayed<T>(
  ctx: OperationContext,
  operation: string,
  records: Map<string, T>,
): T | undefined {
  const token = optString(ctx.body, 'clientToken', CLIENT_TOKEN);
  const arn = ctx.clientTokens.lookup(ctx.scope, operation, token, requestFingerprint(ctx));
  return arn === undefined ? undefined : records.get(arn);
}

export function rememberToken(ctx: OperationContext, operation: string, arn: string): void {
  const token = optString(ctx.body, 'clientToken', CLIENT_TOKEN);
  ctx.clientTokens.remember(ctx.scope, operation, token, requestFingerprint(ctx), arn);
}

/** Drop undefined members so responses carry only what is set, as AWS's do. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
