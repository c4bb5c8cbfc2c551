// RuleAction and RuleMatch: validation and normalisation shared by listeners and rules.
// Forward actions are stored with target group IDs (callers may pass IDs or ARNs), so the data
// plane and the "target group in use" checks need not resolve identifiers again.
import { getTargetGroup, RESOURCE_TYPE } from './context.ts';
import type { OperationContext } from './context.ts';
import { invalidField, LatticeConflict } from './errors.ts';
import type {
  HeaderMatch,
  HttpMatch,
  ListenerProtocol,
  RuleAction,
  TargetGroupRecord,
} from './model.ts';
import {
  asObject,
  checkString,
  optArray,
  optBool,
  optInt,
  optObject,
  optString,
  reqArray,
  reqInt,
  reqObject,
  unionMember,
} from './validate.ts';
import type { Json } from './validate.ts';

const PATH = /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/;

/**
 * Validate an action for a listener of `serviceArn` with `protocol`. Target groups must exist in
 * the caller's account, must not be used by another service (a target group serves one service),
 * and must speak the listener's protocol (TCP target groups only behind TLS_PASSTHROUGH).
 */
export function parseAction(
  ctx: OperationContext,
  raw: unknown,
  label: string,
  serviceArn: string,
  protocol: ListenerProtocol,
): RuleAction {
  const action = asObject(raw, label);
  const kind = unionMember(action, label, ['forward', 'fixedResponse']);
  if (kind === 'fixedResponse') {
    const fixed = reqObject(action, 'fixedResponse', `${label}.fixedResponse`);
    const statusCode = reqInt(fixed, 'statusCode', 100, 599, `${label}.fixedResponse.statusCode`);
    if (protocol === 'TLS_PASSTHROUGH') {
      throw invalidField(
        `${label}.fixedResponse`,
        'fixed-response actions are not supported by TLS_PASSTHROUGH listeners',
      );
    }
    return { fixedResponse: { statusCode } };
  }
  const forward = reqObject(action, 'forward', `${label}.forward`);
  const groups = reqArray(forward, 'targetGroups', 1, 10, `${label}.forward.targetGroups`);
  const seen = new Set<string>();
  const targetGroups = groups.map((entry, i) => {
    const item = asObject(entry, `${label}.forward.targetGroups[${i}]`);
    const identifier = optString(
      item,
      'targetGroupIdentifier',
      { min: 17, max: 2048 },
      'targetGroupIdentifier',
    );
    if (identifier === undefined) throw invalidField('targetGroupIdentifier', 'is required');
    const weight = optInt(item, 'weight', 0, 999, 'weight');
    const tg = getTargetGroup(ctx, identifier);
    if (seen.has(tg.id))
      throw invalidField('targetGroups', `target group ${tg.id} is listed twice`);
    seen.add(tg.id);
    checkTargetGroupFits(ctx, tg, serviceArn, protocol);
    return weight === undefined
      ? { targetGroupIdentifier: tg.id }
      : { targetGroupIdentifier: tg.id, weight };
  });
  return { forward: { targetGroups } };
}

function checkTargetGroupFits(
  ctx: OperationContext,
  tg: TargetGroupRecord,
  serviceArn: string,
  protocol: ListenerProtocol,
): void {
  const others = ctx.state.servicesUsingTargetGroup(tg.id).filter((arn) => arn !== serviceArn);
  if (others.length > 0) {
    throw new LatticeConflict(
      RESOURCE_TYPE.targetgroup,
      tg.id,
      `Target group ${tg.id} is already used by service ${others[0]}; a target group can be used by only one service`,
    );
  }
  const tcp = tg.config.protocol === 'TCP';
  if (protocol === 'TLS_PASSTHROUGH' && !tcp) {
    throw invalidField(
      'targetGroupIdentifier',
      `target group ${tg.id} must use TCP behind a TLS_PASSTHROUGH listener`,
    );
  }
  if (protocol !== 'TLS_PASSTHROUGH' && tcp) {
    throw invalidField(
      'targetGroupIdentifier',
      `TCP target group ${tg.id} can only be used by a TLS_PASSTHROUGH listener`,
    );
  }
}

export function parseMatch(raw: unknown, label: string): { httpMatch: HttpMatch } {
  const match = asObject(raw, label);
  unionMember(match, label, ['httpMatch']);
  const http = reqObject(match, 'httpMatch', `${label}.httpMatch`);
  const out: HttpMatch = {};
  const method = optString(http, 'method', { max: 16 }, `${label}.httpMatch.method`);
  if (method !== undefined) out.method = method;
  const pathMatch = optObject(http, 'pathMatch', `${label}.httpMatch.pathMatch`);
  if (pathMatch) {
    const kindObj = reqObject(pathMatch, 'match', `${label}.httpMatch.pathMatch.match`);
    const kind = unionMember(kindObj, `${label}.httpMatch.pathMatch.match`, ['exact', 'prefix']);
    const value = optString(
      kindObj,
      kind,
      { min: 1, max: 200, pattern: PATH },
      `${label}.httpMatch.pathMatch.match.${kind}`,
    )!;
    const caseSensitive = optBool(
      pathMatch,
      'caseSensitive',
      `${label}.httpMatch.pathMatch.caseSensitive`,
    );
    out.pathMatch = {
      match: kind === 'exact' ? { exact: value } : { prefix: value },
      ...(caseSensitive === undefined ? {} : { caseSensitive }),
    };
  }
  const headers = optArray(http, 'headerMatches', 1, 5, `${label}.httpMatch.headerMatches`);
  if (headers)
    out.headerMatches = headers.map((h, i) =>
      parseHeaderMatch(h, `${label}.httpMatch.headerMatches[${i}]`),
    );
  if (out.method === undefined && !out.pathMatch && !out.headerMatches) {
    throw invalidField(
      `${label}.httpMatch`,
      'must specify a method, a path match or header matches',
    );
  }
  return { httpMatch: out };
}

function parseHeaderMatch(raw: unknown, label: string): HeaderMatch {
  const header: Json = asObject(raw, label);
  const name = optString(header, 'name', { min: 1, max: 100 }, `${label}.name`);
  if (name === undefined) throw invalidField(`${label}.name`, 'is required');
  const kindObj = reqObject(header, 'match', `${label}.match`);
  const kind = unionMember(kindObj, `${label}.match`, ['exact', 'prefix', 'contains']);
  const value = kindObj[kind];
  if (typeof value !== 'string') throw invalidField(`${label}.match.${kind}`, 'must be a string');
  checkString(`${label}.match.${kind}`, value, { min: 1, max: 200 });
  const caseSensitive = optBool(header, 'caseSensitive', `${label}.caseSensitive`);
  return {
    name,
    match: { [kind]: value },
    ...(caseSensitive === undefined ? {} : { caseSensitive }),
  };
}
