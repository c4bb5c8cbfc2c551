// CreateRule, GetRule, UpdateRule, DeleteRule, ListRules, BatchUpdateRule. Priorities are 1-100
// and unique per listener; the default rule has no priority and changes only via UpdateListener.
import { parseAction, parseMatch } from '../actions.ts';
import { getListener, getRule, getService, iso, RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import {
  invalidField,
  LatticeConflict,
  LatticeQuotaExceeded,
  LatticeValidationError,
} from '../errors.ts';
import { newId } from '../ids.ts';
import type { ListenerRecord, RuleRecord } from '../model.ts';
import { creationKey, paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact, rememberToken, replayed } from '../route.ts';
import type { Route } from '../route.ts';
import {
  asObject,
  checkName,
  checkTags,
  optInt,
  reqArray,
  reqInt,
  reqString,
} from '../validate.ts';
import type { Json } from '../validate.ts';
import { AwsError } from '../../core/contracts.ts';

function view(r: RuleRecord): Record<string, unknown> {
  return compact({
    arn: r.arn,
    id: r.id,
    name: r.name,
    isDefault: r.isDefault,
    match: r.match,
    priority: r.priority,
    action: r.action,
  });
}

function scope(ctx: OperationContext): { listener: ListenerRecord; serviceArn: string } {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const listener = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  if (listener.protocol === 'TLS_PASSTHROUGH') {
    throw new LatticeValidationError(
      'Listener rules are not supported for TLS_PASSTHROUGH listeners',
      'other',
    );
  }
  return { listener, serviceArn: svc.arn };
}

function priorityTaken(
  ctx: OperationContext,
  listener: ListenerRecord,
  priority: number,
  except?: string,
): RuleRecord | undefined {
  return ctx.state.rulesOf(listener.arn).find((r) => r.priority === priority && r.arn !== except);
}

function create(ctx: OperationContext): unknown {
  const { listener, serviceArn } = scope(ctx);
  const earlier = replayed(ctx, 'CreateRule', ctx.state.rules);
  if (earlier) return view(earlier);
  const name = reqString(ctx.body, 'name');
  checkName('name', name, 3, 63, 'rule-');
  const priority = reqInt(ctx.body, 'priority', 1, 100);
  if (ctx.body['match'] === undefined) throw invalidField('match', 'is required');
  const match = parseMatch(ctx.body['match'], 'match');
  if (ctx.body['action'] === undefined) throw invalidField('action', 'is required');
  const action = parseAction(ctx, ctx.body['action'], 'action', serviceArn, listener.protocol);
  const tags = checkTags(ctx.body['tags']);
  const rules = ctx.state.rulesOf(listener.arn);
  const sameName = rules.find((r) => r.name === name);
  if (sameName)
    throw new LatticeConflict(
      RESOURCE_TYPE.rule,
      sameName.id,
      `A rule named ${name} already exists`,
    );
  const samePriority = priorityTaken(ctx, listener, priority);
  if (samePriority) {
    throw new LatticeConflict(
      RESOURCE_TYPE.rule,
      samePriority.id,
      `Priority ${priority} is already used by rule ${samePriority.id}`,
    );
  }
  if (rules.filter((r) => !r.isDefault).length >= ctx.quotas.rulesPerListener) {
    throw new LatticeQuotaExceeded(
      RESOURCE_TYPE.rule,
      QUOTA_CODES.rulesPerListener,
      ctx.quotas.rulesPerListener,
      listener.id,
    );
  }
  const id = newId('rule');
  const rule: RuleRecord = {
    accountId: listener.accountId,
    region: listener.region,
    id,
    arn: `${listener.arn}/rule/${id}`,
    serviceId: listener.serviceId,
    listenerId: listener.id,
    listenerArn: listener.arn,
    name,
    isDefault: false,
    priority,
    match,
    action,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
  };
  ctx.state.rules.set(rule.arn, rule);
  if (tags) ctx.state.tags.set(rule.arn, tags);
  rememberToken(ctx, 'CreateRule', rule.arn);
  return view(rule);
}

function get(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const listener = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  const rule = getRule(ctx, listener, ctx.labels['ruleIdentifier']);
  return { ...view(rule), createdAt: iso(rule.createdAt), lastUpdatedAt: iso(rule.lastUpdatedAt) };
}

interface RuleChange {
  rule: RuleRecord;
  match?: RuleRecord['match'];
  priority?: number;
  action?: RuleRecord['action'];
}

function parseChange(
  ctx: OperationContext,
  listener: ListenerRecord,
  serviceArn: string,
  input: Json,
  ruleId: string,
): RuleChange {
  const rule = getRule(ctx, listener, ruleId);
  if (rule.isDefault) {
    throw new LatticeValidationError(
      "You can't modify a default listener rule; use UpdateListener",
      'other',
    );
  }
  const change: RuleChange = { rule };
  if (input['match'] !== undefined) change.match = parseMatch(input['match'], 'match');
  const priority = optInt(input, 'priority', 1, 100);
  if (priority !== undefined) change.priority = priority;
  if (input['action'] !== undefined)
    change.action = parseAction(ctx, input['action'], 'action', serviceArn, listener.protocol);
  return change;
}

function apply(ctx: OperationContext, change: RuleChange): void {
  const { rule } = change;
  if (change.match) rule.match = change.match;
  if (change.priority !== undefined) rule.priority = change.priority;
  if (change.action) rule.action = change.action;
  rule.lastUpdatedAt = ctx.now;
}

function update(ctx: OperationContext): unknown {
  const { listener, serviceArn } = scope(ctx);
  const change = parseChange(ctx, listener, serviceArn, ctx.body, ctx.labels['ruleIdentifier']);
  if (change.priority !== undefined) {
    const taken = priorityTaken(ctx, listener, change.priority, change.rule.arn);
    if (taken)
      throw new LatticeConflict(
        RESOURCE_TYPE.rule,
        taken.id,
        `Priority ${change.priority} is already used by rule ${taken.id}`,
      );
  }
  apply(ctx, change);
  return view(change.rule);
}

/**
 * Each entry succeeds or fails on its own; priorities are checked against the listener as it will
 * be after the whole batch, so two rules can swap priorities in one call (the documented use).
 */
function batchUpdate(ctx: OperationContext): unknown {
  const { listener, serviceArn } = scope(ctx);
  const entries = reqArray(ctx.body, 'rules', 1, 5);
  const successful: RuleChange[] = [];
  const unsuccessful: Record<string, unknown>[] = [];
  for (const [i, raw] of entries.entries()) {
    const input = asObject(raw, `rules[${i}]`);
    const ruleIdentifier =
      typeof input['ruleIdentifier'] === 'string' ? input['ruleIdentifier'] : '';
    try {
      if (!ruleIdentifier) throw invalidField('ruleIdentifier', 'is required');
      successful.push(parseChange(ctx, listener, serviceArn, input, ruleIdentifier));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      unsuccessful.push({ ruleIdentifier, failureCode: error.code, failureMessage: error.message });
    }
  }
  const finalPriority = new Map<string, number | undefined>();
  for (const r of ctx.state.rulesOf(listener.arn)) finalPriority.set(r.arn, r.priority);
  for (const c of successful)
    if (c.priority !== undefined) finalPriority.set(c.rule.arn, c.priority);
  const applied: RuleChange[] = [];
  for (const c of successful) {
    const wanted = c.priority;
    if (
      wanted !== undefined &&
      [...finalPriority].some(([arn, p]) => arn !== c.rule.arn && p === wanted)
    ) {
      unsuccessful.push({
        ruleIdentifier: c.rule.id,
        failureCode: 'ConflictException',
        failureMessage: `Priority ${wanted} would be used by more than one rule`,
      });
      finalPriority.set(c.rule.arn, c.rule.priority);
      continue;
    }
    applied.push(c);
  }
  for (const c of applied) apply(ctx, c);
  return { successful: applied.map((c) => view(c.rule)), unsuccessful };
}

function remove(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const listener = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  const rule = getRule(ctx, listener, ctx.labels['ruleIdentifier']);
  if (rule.isDefault)
    throw new LatticeValidationError("You can't delete a listener's default rule", 'other');
  ctx.state.rules.delete(rule.arn);
  ctx.state.tags.delete(rule.arn);
  return undefined;
}

function list(ctx: OperationContext): unknown {
  const svc = getService(ctx, ctx.labels['serviceIdentifier']);
  const listener = getListener(ctx, svc, ctx.labels['listenerIdentifier']);
  const items = ctx.state
    .rulesOf(listener.arn)
    .sort((a, b) => (creationKey(a) < creationKey(b) ? -1 : 1));
  const page = paginate(items, creationKey, ctx.query, 'ListRules');
  return compact({
    items: page.items.map((r) =>
      compact({
        arn: r.arn,
        id: r.id,
        name: r.name,
        isDefault: r.isDefault,
        priority: r.priority,
        createdAt: iso(r.createdAt),
        lastUpdatedAt: iso(r.lastUpdatedAt),
      }),
    ),
    nextToken: page.nextToken,
  });
}

const RULES = '/services/{serviceIdentifier}/listeners/{listenerIdentifier}/rules';
const ONE = `${RULES}/{ruleIdentifier}`;

export const ruleRoutes: Route[] = [
  {
    operation: 'CreateRule',
    method: 'POST',
    path: RULES,
    status: 201,
    mutating: true,
    handler: create,
  },
  {
    operation: 'ListRules',
    method: 'GET',
    path: RULES,
    status: 200,
    mutating: false,
    handler: list,
  },
  {
    operation: 'BatchUpdateRule',
    method: 'PATCH',
    path: RULES,
    status: 200,
    mutating: true,
    handler: batchUpdate,
  },
  { operation: 'GetRule', method: 'GET', path: ONE, status: 200, mutating: false, handler: get },
  {
    operation: 'UpdateRule',
    method: 'PATCH',
    path: ONE,
    status: 200,
    mutating: true,
    handler: update,
  },
  {
    operation: 'DeleteRule',
    method: 'DELETE',
    path: ONE,
    status: 204,
    mutating: true,
    handler: remove,
  },
];
