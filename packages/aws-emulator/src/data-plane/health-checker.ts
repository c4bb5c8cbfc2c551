// Active health checks, per the VPC Lattice user guide ("Health checks for your VPC Lattice
// target groups"): every target registered in a target group that a listener or rule of a
// service forwards to is probed every healthCheckIntervalSeconds with the group's protocol, port
// (default: the target's traffic port), path and matcher. A new target must pass one check to be
// HEALTHY; after that, unhealthyThresholdCount consecutive failures take it out of service and
// healthyThresholdCount consecutive successes put it back. Results are published through the
// Lattice view (setTargetHealth), so ListTargets shows them.
//
// Targets of unused groups (UNUSED), groups with health checks off (UNAVAILABLE), LAMBDA/ALB
// groups and DRAINING targets are not probed; INSTANCE targets (i-…) have no address the
// emulator can reach and stay INITIAL.
import http from 'node:http';
import https from 'node:https';
import type {
  LatticeDataPlaneView,
  LatticeTargetGroupView,
  LatticeTargetView,
} from '../lattice/index.ts';
import { parseHttpCodeMatcher } from './http-code-matcher.ts';

export interface HealthCheckOptions {
  /** multiplies intervals and timeouts (tests: 0.02 turns 30 s into 600 ms); default 1 */
  intervalScale?: number;
  /** floor for a scaled timeout, so a loaded machine does not fail checks; default 500 ms */
  minTimeoutMs?: number;
  /** how often due checks are looked for; default a quarter of the shortest scaled interval (5 s), at least 25 ms */
  tickMs?: number;
}

type Health = 'INITIAL' | 'HEALTHY' | 'UNHEALTHY';

interface TargetProbeState {
  status: Health;
  successes: number;
  failures: number;
  nextProbeAt: number;
  inFlight: boolean;
}

interface ProbeResult {
  ok: boolean;
  reasonCode?: string;
}

const DEFAULTS = {
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
} as const;

export class HealthChecker {
  private readonly view: LatticeDataPlaneView;
  private readonly scale: number;
  private readonly minTimeoutMs: number;
  private readonly tickMs: number;
  private readonly states = new Map<string, TargetProbeState>();
  private readonly inFlight = new Set<http.ClientRequest>();
  private timer: NodeJS.Timeout | undefined;
  /** target groups in use, recomputed only when the view's revision moves */
  private inUse: { revision: number; ids: Set<string> } | undefined;

  constructor(view: LatticeDataPlaneView, options: HealthCheckOptions = {}) {
    this.view = view;
    this.scale = options.intervalScale ?? 1;
    this.minTimeoutMs = options.minTimeoutMs ?? 500;
    this.tickMs = options.tickMs ?? Math.max(25, Math.round(1250 * this.scale));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
  }

  /** Target group IDs a listener or rule of some service forwards to. */
  targetGroupsInUse(): Set<string> {
    const revision = this.view.revision();
    if (this.inUse?.revision === revision) return this.inUse.ids;
    const ids = new Set<string>();
    for (const service of this.view.listServices()) {
      for (const listener of this.view.listenersOf(service.arn)) {
        for (const rule of listener.rules) {
          if (rule.action.type !== 'forward') continue;
          for (const group of rule.action.targetGroups) ids.add(group.targetGroupId);
        }
      }
    }
    // Services becoming ACTIVE as the clock passes do not move the revision, but listeners
    // and rules (all this depends on) only change through API calls, which do.
    this.inUse = { revision, ids };
    return ids;
  }

  /** One pass: start every check that is due. Exposed for tests that drive time themselves. */
  tick(): void {
    const now = Date.now();
    const seen = new Set<string>();
    for (const groupId of this.targetGroupsInUse()) {
      const group = this.view.targetGroup(groupId);
      if (!group || !probeable(group)) continue;
      for (const target of this.view.targetsOf(group.id)) {
        if (
          target.status !== 'INITIAL' &&
          target.status !== 'HEALTHY' &&
          target.status !== 'UNHEALTHY'
        )
          continue;
        if (!/^[0-9.]+$|:/.test(target.id)) continue; // IP targets only
        const key = `${group.id}|${target.id}:${target.port ?? ''}`;
        seen.add(key);
        const state = this.stateFor(key, target, now);
        if (state.inFlight || now < state.nextProbeAt) continue;
        state.inFlight = true;
        state.nextProbeAt = now + this.intervalMs(group);
        void this.probe(group, target).then((result) => {
          state.inFlight = false;
          this.record(group, target, state, result);
        });
      }
    }
    for (const key of this.states.keys()) if (!seen.has(key)) this.states.delete(key);
  }

  private stateFor(key: string, target: LatticeTargetView, now: number): TargetProbeState {
    const existing = this.states.get(key);
    // A target that reads INITIAL again was re-registered: its history starts over.
    if (existing && !(target.status === 'INITIAL' && existing.status !== 'INITIAL'))
      return existing;
    const fresh: TargetProbeState = {
      status: target.status === 'INITIAL' ? 'INITIAL' : (target.status as Health),
      successes: 0,
      failures: 0,
      nextProbeAt: now,
      inFlight: false,
    };
    this.states.set(key, fresh);
    return fresh;
  }

  private record(
    group: LatticeTargetGroupView,
    target: LatticeTargetView,
    state: TargetProbeState,
    result: ProbeResult,
  ): void {
    if (this.timer === undefined) return;
    const healthy = group.healthCheck?.healthyThresholdCount ?? DEFAULTS.healthyThresholdCount;
    const unhealthy =
      group.healthCheck?.unhealthyThresholdCount ?? DEFAULTS.unhealthyThresholdCount;
    if (result.ok) {
      state.successes += 1;
      state.failures = 0;
      // A new target needs one passing check; an unhealthy one needs the healthy threshold.
      const needed = state.status === 'INITIAL' ? 1 : healthy;
      if (state.status !== 'HEALTHY' && state.successes >= needed)
        this.publish(group, target, state, 'HEALTHY');
    } else {
      state.failures += 1;
      state.successes = 0;
      if (state.status !== 'UNHEALTHY' && state.failures >= unhealthy)
        this.publish(group, target, state, 'UNHEALTHY', result.reasonCode);
    }
  }

  private publish(
    group: LatticeTargetGroupView,
    target: LatticeTargetView,
    state: TargetProbeState,
    status: Health,
    reasonCode?: string,
  ): void {
    state.status = status;
    this.view.setTargetHealth(group.id, { id: target.id, port: target.port }, status, reasonCode);
  }

  private intervalMs(group: LatticeTargetGroupView): number {
    const seconds = group.healthCheck?.intervalSeconds ?? DEFAULTS.intervalSeconds;
    return Math.max(1, seconds * 1000 * this.scale);
  }

  private probe(group: LatticeTargetGroupView, target: LatticeTargetView): Promise<ProbeResult> {
    const hc = group.healthCheck;
    const matcher = parseHttpCodeMatcher(hc?.matcherHttpCode);
    const timeoutSeconds = hc?.timeoutSeconds ?? DEFAULTS.timeoutSeconds;
    const timeout = Math.max(this.minTimeoutMs, timeoutSeconds * 1000 * this.scale);
    const client = hc?.protocol === 'HTTPS' ? https : http;
    return new Promise((resolve) => {
      const request = client.request(
        {
          host: target.id,
          port: hc?.port ?? target.port ?? group.port,
          path: hc?.path ?? DEFAULTS.path,
          method: 'GET',
          timeout,
          agent: false,
          headers: { 'user-agent': 'Trellis-Lattice-HealthChecker/1.0', connection: 'close' },
          ...(hc?.protocol === 'HTTPS' ? { rejectUnauthorized: false } : {}),
        },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          this.inFlight.delete(request);
          resolve(
            matcher(status)
              ? { ok: true }
              : { ok: false, reasonCode: 'Target.ResponseCodeMismatch' },
          );
        },
      );
      this.inFlight.add(request);
      request.on('timeout', () => {
        request.destroy();
        this.inFlight.delete(request);
        resolve({ ok: false, reasonCode: 'Target.Timeout' });
      });
      request.on('error', () => {
        this.inFlight.delete(request);
        resolve({ ok: false, reasonCode: 'Target.FailedHealthChecks' });
      });
      request.end();
    });
  }
}

function probeable(group: LatticeTargetGroupView): boolean {
  if (group.type === 'LAMBDA' || group.type === 'ALB') return false;
  return group.healthCheck?.enabled !== false;
}
