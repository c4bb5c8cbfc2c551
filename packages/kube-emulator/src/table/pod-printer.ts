// The pod row kube-apiserver prints (pkg/printers/internalversion printPod), including its
// status rules: init containers, waiting/terminated reasons, Terminating, and `N (5m ago)` restarts.
import type { JsonObject } from '../json.ts';
import { AGE_COLUMN, NAME_COLUMN, column } from './columns.ts';
import { timestampSince } from './human-duration.ts';
import { metadataOf, num, obj, objs, str } from './json-access.ts';
import type { PrintedRow, Printer } from './printer.ts';

const NODE_UNREACHABLE_REASON = 'NodeLost';

function laterOf(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function lastTerminationFinishedAt(status: JsonObject): string {
  return str(obj(obj(status.lastState).terminated).finishedAt);
}

function isRestartableInit(pod: JsonObject, name: string): boolean {
  return objs(obj(pod.spec).initContainers).some(
    (c) => str(c.name) === name && str(c.restartPolicy) === 'Always',
  );
}

function conditionTrue(pod: JsonObject, type: string): boolean {
  return objs(obj(pod.status).conditions).some(
    (c) => str(c.type) === type && str(c.status) === 'True',
  );
}

function exitText(prefix: string, terminated: JsonObject): string {
  const signal = num(terminated.signal);
  return signal !== 0
    ? `${prefix}Signal:${signal}`
    : `${prefix}ExitCode:${num(terminated.exitCode)}`;
}

function podRow(pod: JsonObject, now: Date): PrintedRow {
  const meta = metadataOf(pod);
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const initContainers = objs(spec.initContainers);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = objs(spec.containers).length;
  let readyContainers = 0;
  let lastRestart = '';
  let lastRestartableInitRestart = '';

  const phase = str(status.phase);
  let reason = str(status.reason) !== '' ? str(status.reason) : phase;
  for (const c of objs(status.conditions)) {
    if (str(c.type) === 'PodScheduled' && str(c.reason) === 'SchedulingGated')
      reason = 'SchedulingGated';
  }
  for (const c of initContainers) if (str(c.restartPolicy) === 'Always') totalContainers++;

  let initializing = false;
  const initStatuses = objs(status.initContainerStatuses);
  for (const [i, c] of initStatuses.entries()) {
    restarts += num(c.restartCount);
    lastRestart = laterOf(lastRestart, lastTerminationFinishedAt(c));
    const state = obj(c.state);
    const terminated = obj(state.terminated);
    const waiting = obj(state.waiting);
    if (isRestartableInit(pod, str(c.name))) {
      restartableInitRestarts += num(c.restartCount);
      lastRestartableInitRestart = laterOf(
        lastRestartableInitRestart,
        lastTerminationFinishedAt(c),
      );
      if (c.started === true) {
        if (c.ready === true) readyContainers++;
        continue;
      }
    }
    if (state.terminated !== undefined && num(terminated.exitCode) === 0) continue;
    if (state.terminated !== undefined) {
      reason =
        str(terminated.reason) === ''
          ? exitText('Init:', terminated)
          : `Init:${str(terminated.reason)}`;
    } else if (str(waiting.reason) !== '' && str(waiting.reason) !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = objs(status.containerStatuses);
    // last to first, so the first container's state wins, as in the real printer
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      restarts += num(c.restartCount);
      lastRestart = laterOf(lastRestart, lastTerminationFinishedAt(c));
      const state = obj(c.state);
      const waiting = obj(state.waiting);
      const terminated = obj(state.terminated);
      if (str(waiting.reason) !== '') reason = str(waiting.reason);
      else if (str(terminated.reason) !== '') reason = str(terminated.reason);
      else if (state.terminated !== undefined) reason = exitText('', terminated);
      else if (c.ready === true && state.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (meta.deletionTimestamp !== undefined && str(status.reason) === NODE_UNREACHABLE_REASON)
    reason = 'Unknown';
  else if (meta.deletionTimestamp !== undefined && !terminal) reason = 'Terminating';

  const restartsCell =
    restarts !== 0 && lastRestart !== ''
      ? `${restarts} (${timestampSince(lastRestart, now)} ago)`
      : String(restarts);
  const podIP = str(obj(objs(status.podIPs)[0]).ip) || str(status.podIP) || '<none>';
  const gates = objs(spec.readinessGates);
  const gatesCell =
    gates.length === 0
      ? '<none>'
      : `${gates.filter((g) => conditionTrue(pod, str(g.conditionType))).length}/${gates.length}`;

  const row: PrintedRow = {
    cells: [
      str(meta.name),
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsCell,
      timestampSince(meta.creationTimestamp, now),
      podIP,
      str(spec.nodeName) || '<none>',
      str(status.nominatedNodeName) || '<none>',
      gatesCell,
    ],
  };
  if (phase === 'Succeeded') {
    row.conditions = [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  } else if (phase === 'Failed') {
    row.conditions = [
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ];
  }
  return row;
}

export const POD_PRINTER: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    column(
      'IP',
      'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      {
        priority: 1,
      },
    ),
    column('Node', 'NodeName indicates in which node this pod is scheduled.', { priority: 1 }),
    column(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node.',
      {
        priority: 1,
      },
    ),
    column(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness.',
      { priority: 1 },
    ),
  ],
  row: podRow,
};
