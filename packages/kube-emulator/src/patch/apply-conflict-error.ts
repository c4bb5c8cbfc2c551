import { PatchError } from './patch-error.ts';

export interface FieldConflict {
  manager: string;
  /** a path in kubectl's notation, e.g. `.spec.replicas` */
  field: string;
  /**
   * The manager as the apiserver names it in a StatusCause (type FieldManagerConflict):
   * `conflict with "kubectl-edit" using apps/v1`; Apply managers carry no apiVersion.
   */
  message: string;
}

/** Thrown by serverSideApply when fields owned by other managers would change and force is false. */
export class ApplyConflictError extends PatchError {
  readonly conflicts: FieldConflict[];

  constructor(conflicts: FieldConflict[]) {
    super(conflictMessage(conflicts), 'Conflict');
    this.name = 'ApplyConflictError';
    this.conflicts = conflicts;
  }
}

/** The apiserver's wording (managedfields' getConflictMessage), which kubectl prints as is. */
function conflictMessage(conflicts: FieldConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) return `Apply failed with 1 conflict: ${only.message}: ${only.field}`;
  const byManager = new Map<string, FieldConflict[]>();
  for (const c of conflicts) byManager.set(c.message, [...(byManager.get(c.message) ?? []), c]);
  const lines: string[] = [];
  for (const message of [...byManager.keys()].sort()) {
    lines.push(`${message.replace(/^conflict with/, 'conflicts with')}:`);
    for (const c of byManager.get(message) ?? []) lines.push(`- ${c.field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
