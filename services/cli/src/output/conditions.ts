// Reading and showing the conditions every Trellis view carries in status.conditions.
import { humanAge } from './age.ts';
import { renderTable } from './table.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ResourceView {
  name: string;
  status?: { conditions?: Condition[] } & Record<string, unknown>;
  createdAt?: string;
  deletingSince?: string;
  generation?: number;
  observedGeneration?: number;
}

export function conditionsOf(view: ResourceView | undefined): Condition[] {
  return view?.status?.conditions ?? [];
}

export function conditionOf(view: ResourceView | undefined, type: string): Condition | undefined {
  return conditionsOf(view).find((c) => c.type === type);
}

/** READY and REASON columns: "Deleting" while a delete is pending, "-" before any condition. */
export function readyColumns(view: ResourceView): [string, string] {
  if (view.deletingSince !== undefined) return ['False', 'Deleting'];
  const ready = conditionOf(view, 'Ready');
  if (ready === undefined) return ['Unknown', 'Pending'];
  return [ready.status, ready.reason ?? ''];
}

export function isReady(view: ResourceView): boolean {
  return (
    view.deletingSince === undefined &&
    conditionOf(view, 'Ready')?.status === 'True' &&
    isCurrent(view)
  );
}

/** The conditions describe the current spec only once the controller has observed it. */
export function isCurrent(view: ResourceView): boolean {
  return (
    view.observedGeneration === undefined ||
    view.generation === undefined ||
    view.observedGeneration >= view.generation
  );
}

export function conditionsTable(view: ResourceView, now: number): string {
  const rows = conditionsOf(view).map((c) => [
    c.type,
    c.status,
    c.reason ?? '',
    humanAge(c.lastTransitionTime, now),
    c.message ?? '',
  ]);
  if (rows.length === 0) return 'Conditions: none yet';
  return `Conditions:\n${indent(renderTable(['TYPE', 'STATUS', 'REASON', 'AGE', 'MESSAGE'], rows))}`;
}

export function conditionLine(c: Condition): string {
  return `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
