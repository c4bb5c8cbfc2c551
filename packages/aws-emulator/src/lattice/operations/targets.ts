// RegisterTargets, DeregisterTargets, ListTargets. Batch results list each target as successful
// or unsuccessful (failureCode/failureMessage), as the API does. Deregistered targets drain for
// consistencyDelayMs('DeregisterTargets') (AWS drains for 5 minutes by default) and then vanish.
import { getTargetGroup } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { LatticeQuotaExceeded } from '../errors.ts';
import type { TargetGroupRecord } from '../model.ts';
import { paginate } from '../pagination.ts';
import { QUOTA_CODES } from '../quotas.ts';
import { compact } from '../route.ts';
import type { Route } from '../route.ts';
import { targetHealth, targetKey } from '../target-health.ts';
import { asObject, optArray, optInt, reqArray, reqString } from '../validate.ts';
import { isIPv4, isIPv6 } from 'node:net';

interface TargetInput {
  id: string;
  port?: number;
}

function parseTargets(list: unknown[]): TargetInput[] {
  return list.map((raw, i) => {
    const t = asObject(raw, `targets[${i}]`);
    const id = reqString(t, 'id', { min: 1, max: 200 }, `targets[${i}].id`);
    const port = optInt(t, 'port', 1, 65535, `targets[${i}].port`);
    return port === undefined ? { id } : { id, port };
  });
}

/** Why a target cannot belong to this target group, or undefined when it can. */
function targetProblem(tg: TargetGroupRecord, id: string): string | undefined {
  switch (tg.type) {
    case 'IP':
      if (tg.config.ipAddressType === 'IPV6' ? !isIPv6(id) : !isIPv4(id)) {
        return `${id} is not an ${tg.config.ipAddressType === 'IPV6' ? 'IPv6' : 'IPv4'} address`;
      }
      return undefined;
    case 'INSTANCE':
      return /^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id)
        ? undefined
        : `${id} is not an EC2 instance ID`;
    case 'LAMBDA':
      return /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(
        id,
      )
        ? undefined
        : `${id} is not a Lambda function ARN`;
    case 'ALB':
      return /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/.+$/.test(
        id,
      )
        ? undefined
        : `${id} is not an Application Load Balancer ARN`;
  }
}

/** The port a target is registered on: its own, else the target group's (none for Lambda). */
function effectivePort(tg: TargetGroupRecord, t: TargetInput): number | undefined {
  return tg.type === 'LAMBDA' ? undefined : (t.port ?? tg.config.port);
}

function register(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  const targets = parseTargets(reqArray(ctx.body, 'targets', 1, 100));
  const successful: Record<string, unknown>[] = [];
  const unsuccessful: Record<string, unknown>[] = [];
  const fresh = new Set(
    targets
      .filter((t) => !tg.targets.has(targetKey(t.id, effectivePort(tg, t))))
      .map((t) => targetKey(t.id, effectivePort(tg, t))),
  );
  if (tg.targets.size + fresh.size > ctx.quotas.targetsPerTargetGroup) {
    throw new LatticeQuotaExceeded(
      'TARGET',
      QUOTA_CODES.targetsPerTargetGroup,
      ctx.quotas.targetsPerTargetGroup,
      tg.id,
    );
  }
  for (const t of targets) {
    const port = effectivePort(tg, t);
    const problem = targetProblem(tg, t.id);
    if (problem) {
      unsuccessful.push(
        compact({ id: t.id, port: t.port, failureCode: 'InvalidTarget', failureMessage: problem }),
      );
      continue;
    }
    const key = targetKey(t.id, port);
    const existing = tg.targets.get(key);
    if (existing) {
      // Registering again cancels a deregistration in progress; otherwise it changes nothing.
      delete existing.drainUntil;
    } else {
      tg.targets.set(
        key,
        port === undefined
          ? { id: t.id, registeredAt: ctx.now }
          : { id: t.id, port, registeredAt: ctx.now },
      );
    }
    successful.push(compact({ id: t.id, port }));
  }
  return { successful, unsuccessful };
}

function deregister(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  const targets = parseTargets(reqArray(ctx.body, 'targets', 1, 100));
  const drainMs = ctx.delayMs('DeregisterTargets');
  const successful: Record<string, unknown>[] = [];
  const unsuccessful: Record<string, unknown>[] = [];
  for (const t of targets) {
    const port = effectivePort(tg, t);
    const key = targetKey(t.id, port);
    const existing = tg.targets.get(key);
    if (!existing) {
      unsuccessful.push(
        compact({
          id: t.id,
          port: t.port,
          failureCode: 'TargetNotFound',
          failureMessage: `Target ${t.id} is not registered`,
        }),
      );
      continue;
    }
    if (drainMs <= 0) tg.targets.delete(key);
    else if (!existing.drainUntil) existing.drainUntil = new Date(ctx.now.getTime() + drainMs);
    successful.push(compact({ id: t.id, port }));
  }
  return { successful, unsuccessful };
}

function list(ctx: OperationContext): unknown {
  const tg = getTargetGroup(ctx, ctx.labels['targetGroupIdentifier']);
  const filter = optArray(ctx.body, 'targets', 0, 20);
  const wanted = filter ? parseTargets(filter) : undefined;
  const items = [...tg.targets.entries()]
    .filter(
      ([, t]) =>
        !wanted || wanted.some((w) => w.id === t.id && (w.port === undefined || w.port === t.port)),
    )
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const page = paginate(items, ([key]) => key, ctx.query, 'ListTargets');
  return compact({
    items: page.items.map(([, t]) =>
      compact({ id: t.id, port: t.port, ...targetHealth(ctx.state, tg, t) }),
    ),
    nextToken: page.nextToken,
  });
}

export const targetRoutes: Route[] = [
  {
    operation: 'RegisterTargets',
    method: 'POST',
    path: '/targetgroups/{targetGroupIdentifier}/registertargets',
    status: 200,
    mutating: true,
    handler: register,
  },
  {
    operation: 'DeregisterTargets',
    method: 'POST',
    path: '/targetgroups/{targetGroupIdentifier}/deregistertargets',
    status: 200,
    mutating: true,
    handler: deregister,
  },
  {
    operation: 'ListTargets',
    method: 'POST',
    path: '/targetgroups/{targetGroupIdentifier}/listtargets',
    status: 200,
    mutating: false,
    handler: list,
  },
];
