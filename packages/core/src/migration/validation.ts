// Pre-flight checks of a ClusterMigration, from plain observed data the controller gathered
// (WorkloadClusters of the namespace, the exports of both clusters, the other migrations). Every
// problem is reported, each naming its service where there is one, so the Rejected status tells
// a person everything to fix in one read.
import {
  isTerminalPhase,
  type ClusterMigrationSpec,
  type MigrationPhase,
  type ServiceRef,
  type ServiceRejection,
} from '../api/cluster-migration.ts';
import type { ValidationResult } from './types.ts';

export interface MigrationClusterObservation {
  name: string;
  /** the namespace of the WorkloadCluster: must be the migration's (tenant) namespace */
  namespace: string;
  /** the WorkloadCluster's Connected condition is True */
  connected: boolean;
  /** why not, for the message */
  message?: string;
}

export interface ExportedServiceObservation {
  namespace: string;
  name: string;
  /** the ServiceExport's labels (spec.services.selector matches these) */
  labels: Record<string, string>;
  ports: { name?: string; port: number; protocol: string }[];
  /** false when the export is not usable (Valid=False or Conflict=True) */
  valid?: boolean;
  invalidReason?: string;
}

export interface OtherMigrationObservation {
  name: string;
  phase: MigrationPhase;
  /** status.services, or the explicit spec list while it has not been validated */
  services: ServiceRef[];
}

export interface MigrationValidationInput {
  /** the migration's namespace, tenant-<tenant> */
  namespace: string;
  name: string;
  spec: ClusterMigrationSpec;
  /** the WorkloadClusters Trellis knows, in any namespace */
  clusters: MigrationClusterObservation[];
  /** exported services per cluster name (unreachable clusters: the last observed) */
  exports: Record<string, ExportedServiceObservation[]>;
  otherMigrations: OtherMigrationObservation[];
}

const key = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

/** Plan-level problems: steps, pauses, clusters named. Also usable for a 400 at the REST API. */
export function checkMigrationPlan(spec: ClusterMigrationSpec): ServiceRejection[] {
  const problems: ServiceRejection[] = [];
  const plan = (reason: string, message: string) => problems.push({ reason, message });
  if (spec.fromCluster === spec.toCluster) {
    plan('SameCluster', `fromCluster and toCluster are both "${spec.fromCluster}"`);
  }
  const steps = spec.steps;
  if (steps !== undefined) {
    if (steps.length === 0) plan('InvalidSteps', 'steps must not be empty');
    steps.forEach((s, i) => {
      if (!Number.isInteger(s.weightPercent) || s.weightPercent < 0 || s.weightPercent > 100) {
        plan('InvalidSteps', `steps[${i}].weightPercent must be an integer from 0 to 100`);
      }
      if (!Number.isInteger(s.pauseSeconds) || s.pauseSeconds < 0) {
        plan('InvalidSteps', `steps[${i}].pauseSeconds must be an integer >= 0`);
      }
      const previous = steps[i - 1];
      if (previous !== undefined && s.weightPercent <= previous.weightPercent) {
        plan(
          'InvalidSteps',
          `steps must strictly increase: steps[${i}] is ${s.weightPercent}% after ${previous.weightPercent}%`,
        );
      }
    });
    const last = steps.at(-1);
    if (last !== undefined && last.weightPercent !== 100) {
      plan('InvalidSteps', `the last step must be 100% (it is ${last.weightPercent}%)`);
    }
  }
  const gate = spec.healthGate;
  if (gate !== undefined) {
    const ratio = gate.minHealthyTargetRatio;
    if (ratio !== undefined && !(ratio >= 0 && ratio <= 1)) {
      plan('InvalidHealthGate', 'healthGate.minHealthyTargetRatio must be from 0 to 1');
    }
    if (gate.holdSeconds !== undefined && gate.holdSeconds < 0)
      plan('InvalidHealthGate', 'healthGate.holdSeconds must be >= 0');
  }
  const s = spec.services;
  const chosen = [s.all === true, s.list !== undefined, s.selector !== undefined].filter(Boolean);
  if (chosen.length !== 1) {
    plan('InvalidServices', 'spec.services must set exactly one of all: true, list or selector');
  }
  return problems;
}

function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function portText(p: { port: number; protocol: string }): string {
  return `${p.port}/${p.protocol}`;
}

/** Run every pre-flight check; ok with the resolved services, or every rejection. */
export function validateMigration(input: MigrationValidationInput): ValidationResult {
  const { spec } = input;
  const rejections = checkMigrationPlan(spec);

  for (const clusterName of [spec.fromCluster, spec.toCluster]) {
    const cluster = input.clusters.find(
      (c) => c.name === clusterName && c.namespace === input.namespace,
    );
    if (cluster === undefined) {
      const elsewhere = input.clusters.some((c) => c.name === clusterName);
      rejections.push({
        reason: elsewhere ? 'ClusterNotInTenant' : 'ClusterNotFound',
        message: elsewhere
          ? `cluster "${clusterName}" belongs to another tenant, not to namespace ${input.namespace}`
          : `no WorkloadCluster "${clusterName}" in namespace ${input.namespace}`,
      });
    } else if (!cluster.connected) {
      rejections.push({
        reason: 'ClusterNotConnected',
        message: `cluster "${clusterName}" is not connected${cluster.message !== undefined ? `: ${cluster.message}` : ''}`,
      });
    }
  }

  const fromExports = new Map((input.exports[spec.fromCluster] ?? []).map((e) => [key(e), e]));
  const toExports = new Map((input.exports[spec.toCluster] ?? []).map((e) => [key(e), e]));
  let selected: ServiceRef[];
  const sel = spec.services;
  if (sel.list !== undefined) {
    selected = sel.list;
  } else if (sel.selector !== undefined) {
    const labels = sel.selector.matchLabels;
    const union = new Map<string, ServiceRef>();
    for (const e of [...fromExports.values(), ...toExports.values()]) {
      if (matches(e.labels, labels)) union.set(key(e), { namespace: e.namespace, name: e.name });
    }
    selected = [...union.values()];
  } else {
    selected = [...fromExports.values()]
      .filter((e) => toExports.has(key(e)))
      .map((e) => ({ namespace: e.namespace, name: e.name }));
  }
  selected = [...new Map(selected.map((s) => [key(s), s])).values()].sort((a, b) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
  );
  if (selected.length === 0) {
    rejections.push({
      reason: 'NoServices',
      message: `no service is selected that ${spec.fromCluster} and ${spec.toCluster} both export`,
    });
  }

  const running = input.otherMigrations.filter(
    (m) => m.name !== input.name && !isTerminalPhase(m.phase),
  );
  for (const service of selected) {
    const reject = (reason: string, message: string) =>
      rejections.push({ namespace: service.namespace, name: service.name, reason, message });
    const from = fromExports.get(key(service));
    const to = toExports.get(key(service));
    if (from === undefined) reject('NotExported', `not exported by ${spec.fromCluster}`);
    if (to === undefined) reject('NotExported', `not exported by ${spec.toCluster}`);
    for (const [cluster, e] of [
      [spec.fromCluster, from],
      [spec.toCluster, to],
    ] as const) {
      if (e?.valid === false) {
        reject(
          'ExportInvalid',
          `the export in ${cluster} is not valid: ${e.invalidReason ?? 'see its conditions'}`,
        );
      }
    }
    if (from !== undefined && to !== undefined) {
      const missing = from.ports.filter(
        (p) => !to.ports.some((q) => q.port === p.port && q.protocol === p.protocol),
      );
      if (missing.length > 0) {
        reject(
          'IncompatiblePorts',
          `${spec.toCluster} does not export ${missing.map(portText).join(', ')} that ${spec.fromCluster} serves (it has ${to.ports.map(portText).join(', ') || 'no ports'})`,
        );
      }
    }
    const other = running.find((m) => m.services.some((s) => key(s) === key(service)));
    if (other !== undefined) {
      reject(
        'MigrationInProgress',
        `ClusterMigration "${other.name}" (${other.phase}) already moves this service`,
      );
    }
  }
  return rejections.length > 0 ? { ok: false, rejections } : { ok: true, services: selected };
}
