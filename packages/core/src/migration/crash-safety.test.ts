// Property-style tests of the crash-safety invariant: a simulated world with an AWS weights
// register, a status store with optimistic concurrency and a BullMQ-like delayed queue, driven by
// random events — crashes before and after the status write and the weight write, lost
// responses, retries, duplicate and stale deliveries, resyncs, operator edits. Whatever happens,
// the distinct weights AWS holds over time are exactly the planned sequence (a prefix of it, then
// possibly 100% for a promote or 0% for a rollback), and no step is skipped or repeated.
import { describe, expect, it } from 'vitest';
import type { ClusterMigrationSpec, ClusterMigrationStatus } from '../api/cluster-migration.ts';
import { isTerminalPhase } from '../api/cluster-migration.ts';
import { nextAction } from './state-machine.ts';
import type { MigrationObservation } from './types.ts';

/** mulberry32: a small seeded PRNG, so a failing seed replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Crash extends Error {}

interface WorldOptions {
  seed: number;
  steps: number[];
  /** probability that a gate measurement is unhealthy */
  unhealthy: number;
  crash: number;
  /** allow random operator edits of spec.paused / spec.action */
  operators: boolean;
  failurePolicy?: 'Rollback' | 'Pause';
}

class World {
  readonly random: () => number;
  now = Date.parse('2026-06-01T00:00:00Z');
  spec: ClusterMigrationSpec;
  generation = 1;
  status: ClusterMigrationStatus = {};
  resourceVersion = 1;
  /** every write to AWS, as percent to the new cluster */
  writes: number[] = [];
  finishes = 0;
  /** BullMQ: id → run-at; an add with an existing id is dropped */
  queue = new Map<string, number>();
  done = new Set<string>();
  promoted = false;
  crashes = 0;

  readonly options: WorldOptions;

  constructor(options: WorldOptions) {
    this.options = options;
    this.random = prng(options.seed);
    this.spec = {
      fromCluster: 'blue',
      toCluster: 'green',
      services: { all: true },
      steps: options.steps.map((w, i) => ({ weightPercent: w, pauseSeconds: (i % 3) * 60 })),
      healthGate: {
        minHealthyTargetRatio: 0.9,
        holdSeconds: 20,
        timeoutSeconds: 120,
        intervalSeconds: 15,
      },
      failurePolicy: options.failurePolicy ?? 'Rollback',
    };
  }

  private maybeCrash(): void {
    if (this.random() < this.options.crash) {
      this.crashes += 1;
      throw new Crash();
    }
  }

  /** One job execution (or resync): read, decide, persist, act, until a wait or nothing. */
  execute(): void {
    let rv = this.resourceVersion;
    let status = this.status;
    let observation: MigrationObservation = { type: 'Tick' };
    for (let guard = 0; guard < 100; guard++) {
      const { action, newState } = nextAction(
        { uid: 'mig-1', generation: this.generation, spec: this.spec, status },
        observation,
        new Date(this.now),
      );
      this.maybeCrash(); // before the status write
      if (rv !== this.resourceVersion) return; // 409: another writer won; the job retries later
      this.status = newState;
      this.resourceVersion += 1;
      rv = this.resourceVersion;
      status = newState;
      this.maybeCrash(); // after the status write, before the action
      switch (action.type) {
        case 'Validate':
          observation = {
            type: 'Validated',
            result: { ok: true, services: [{ namespace: 'shop', name: 'cart' }] },
          };
          break;
        case 'ApplyWeights':
        case 'Rollback': {
          const to = action.weights.green;
          const from = action.weights.blue;
          expect(to !== undefined && from !== undefined && to + from === 100).toBe(true);
          if (this.random() < this.options.crash / 2) throw new Crash(); // call failed, not written
          this.writes.push(to ?? -1);
          this.maybeCrash(); // written, response lost
          observation = { type: 'WeightsWritten', jobId: action.jobId };
          break;
        }
        case 'CheckGate': {
          const sick = this.random() < this.options.unhealthy;
          observation = {
            type: 'GateMeasured',
            step: action.step,
            healthyRatio: sick ? 0.5 : 1,
          };
          break;
        }
        case 'Complete':
          this.finishes += 1;
          this.maybeCrash();
          observation = { type: 'Finished', jobId: action.jobId };
          break;
        case 'Wait':
          if (!this.queue.has(action.jobId) && !this.done.has(action.jobId)) {
            this.queue.set(action.jobId, Date.parse(action.until));
          }
          return;
        case 'Reject':
        case 'None':
          return;
      }
    }
    throw new Error('an execution did not settle');
  }

  /** A due job runs; a crashed job stays queued (stalled → redelivered), a finished one leaves. */
  deliver(id: string): void {
    try {
      this.execute();
      this.queue.delete(id);
      this.done.add(id);
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
    }
  }

  resync(): void {
    try {
      this.execute();
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
    }
  }

  operate(): void {
    const r = this.random();
    const at = new Date(this.now).toISOString();
    if (r < 0.4) this.spec = { ...this.spec, paused: !(this.spec.paused ?? false) };
    else if (r < 0.6) this.spec = { ...this.spec, action: { type: 'Resume', requestedAt: at } };
    else if (r < 0.8) {
      this.spec = { ...this.spec, action: { type: 'Promote', requestedAt: at } };
      this.promoted = true;
    } else this.spec = { ...this.spec, action: { type: 'Abort', requestedAt: at } };
    this.generation += 1;
  }

  step(): void {
    const r = this.random();
    const due = [...this.queue.entries()].filter(([, t]) => t <= this.now);
    if (r < 0.45 && due.length > 0) {
      const [id] = due[Math.floor(this.random() * due.length)] ?? [''];
      this.deliver(id);
    } else if (r < 0.55) {
      // A duplicate or stale delivery: any id ever seen, due or not, done or not.
      const ids = [...this.queue.keys(), ...[...this.done].slice(-5)];
      const id = ids[Math.floor(this.random() * ids.length)];
      if (id !== undefined) this.deliver(id);
    } else if (r < 0.65) {
      this.resync();
    } else if (r < 0.68 && this.options.operators) {
      this.operate();
    } else {
      this.now += Math.floor(this.random() * 40_000);
    }
  }
}

function distinctRuns(values: number[]): number[] {
  return values.filter((v, i) => i === 0 || values[i - 1] !== v);
}

/** prefix of the plan, then optionally 100 (promote), then optionally 0 (rollback). */
function isAllowedHistory(history: number[], plan: number[], promoted: boolean): boolean {
  let i = 0;
  while (i < history.length && i < plan.length && history[i] === plan[i]) i++;
  const rest = history.slice(i);
  if (rest.length === 0) return true;
  if (rest.length === 1) return rest[0] === 0 || (promoted && rest[0] === 100);
  return rest.length === 2 && promoted && rest[0] === 100 && rest[1] === 0;
}

const PLANS = [
  [10, 25, 50, 100],
  [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 100],
  [100],
  [0, 50, 100],
  [33, 66, 100],
];

describe('crash safety under random crashes, retries and duplicate deliveries', () => {
  it('applies exactly the planned sequence when every gate is healthy', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const plan = PLANS[seed % PLANS.length] ?? [100];
      const world = new World({ seed, steps: plan, unhealthy: 0, crash: 0.15, operators: false });
      for (let i = 0; i < 20_000 && world.status.phase !== 'Succeeded'; i++) world.step();
      const context = `seed ${seed}, writes ${world.writes.join(',')}`;
      expect(world.status.phase, context).toBe('Succeeded');
      expect(distinctRuns(world.writes), context).toEqual(plan);
      expect(world.finishes, context).toBeGreaterThanOrEqual(1);
      expect(
        world.status.stepStates?.every((s) => s.appliedAt !== undefined && !s.skipped),
        context,
      ).toBe(true);
      // Every step was applied no earlier than the previous one plus its pause.
      const states = world.status.stepStates ?? [];
      for (let i = 1; i < states.length; i++) {
        const prev = Date.parse(states[i - 1]?.appliedAt ?? '');
        const pause = (world.spec.steps?.[i - 1]?.pauseSeconds ?? 0) * 1000;
        expect(Date.parse(states[i]?.appliedAt ?? '') >= prev + pause, context).toBe(true);
      }
    }
  });

  it('never skips or repeats a step when gates fail (rollback) and crashes interleave', () => {
    let failed = 0;
    for (let seed = 1000; seed < 1300; seed++) {
      const plan = PLANS[seed % PLANS.length] ?? [100];
      const world = new World({ seed, steps: plan, unhealthy: 0.3, crash: 0.15, operators: false });
      for (let i = 0; i < 20_000 && !isTerminalPhase(world.status.phase ?? 'Pending'); i++) {
        world.step();
      }
      const context = `seed ${seed}, writes ${world.writes.join(',')}`;
      expect(['Succeeded', 'Failed'], context).toContain(world.status.phase);
      const history = distinctRuns(world.writes);
      expect(isAllowedHistory(history, plan, false), context).toBe(true);
      if (world.status.phase === 'Succeeded') expect(history, context).toEqual(plan);
      if (world.status.phase === 'Failed') {
        failed += 1;
        if (world.writes.length > 0) expect(history.at(-1), context).toBe(0);
      }
    }
    expect(failed).toBeGreaterThan(0);
  });

  it('keeps the history a plan prefix (+ promote / rollback) under random operator edits', () => {
    const outcomes = new Map<string, number>();
    for (let seed = 5000; seed < 5200; seed++) {
      const plan = PLANS[seed % PLANS.length] ?? [100];
      const world = new World({
        seed,
        steps: plan,
        unhealthy: 0.2,
        crash: 0.1,
        operators: true,
        failurePolicy: seed % 2 === 0 ? 'Pause' : 'Rollback',
      });
      for (let i = 0; i < 3_000 && !isTerminalPhase(world.status.phase ?? 'Pending'); i++) {
        world.step();
      }
      const context = `seed ${seed}, writes ${world.writes.join(',')}, phase ${world.status.phase}`;
      expect(isAllowedHistory(distinctRuns(world.writes), plan, world.promoted), context).toBe(
        true,
      );
      const outcome = `${world.status.phase ?? 'Pending'}${world.promoted ? '+promote' : ''}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      // The status agrees with AWS whenever no write is outstanding.
      const last = world.writes.at(-1);
      if (world.status.pendingWrite === undefined && last !== undefined) {
        expect(world.status.weightsApplied?.[0]?.toPercent, context).toBe(last);
      }
    }
    // The random edits reach every ending, so the property covers pause, abort and promote paths.
    const seen = [...outcomes.keys()].join(' ');
    for (const phase of ['Succeeded', 'Aborted', 'Failed', '+promote']) {
      expect(seen, JSON.stringify([...outcomes])).toContain(phase);
    }
  }, 60_000);
});
