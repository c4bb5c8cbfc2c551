// The one place migration job ids are built. BullMQ drops an add whose job id already exists, so
// a deterministic id turns "enqueue again after a crash" and "a second worker enqueues the same
// wake-up" into no-ops, while a deliberately new piece of work (a later step, a re-check, a retry
// after resume) gets a new id because <attempt> moved. BullMQ accepts a custom id with ':' only
// when it has exactly three parts, which is this shape; Kubernetes uids (UUIDs) contain no ':'.

/** What a job works on: a step index, or the rollback / finish write, or validation. */
export type MigrationJobStep = number | 'validate' | 'rollback' | 'finish';

export interface MigrationJobIdParts {
  uid: string;
  step: MigrationJobStep;
  attempt: number;
}

/** `<migration-uid>:<step>:<attempt>` */
export function migrationJobId(uid: string, step: MigrationJobStep, attempt: number): string {
  if (uid === '' || uid.includes(':')) {
    throw new RangeError(`a migration uid must be non-empty and free of ':' (got "${uid}")`);
  }
  if (typeof step === 'number' && (!Number.isInteger(step) || step < 0)) {
    throw new RangeError(`a step index must be an integer >= 0 (got ${step})`);
  }
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`an attempt must be an integer >= 0 (got ${attempt})`);
  }
  return `${uid}:${step}:${attempt}`;
}

/** The inverse of migrationJobId, or undefined for an id that is not one of ours. */
export function parseMigrationJobId(jobId: string): MigrationJobIdParts | undefined {
  const parts = jobId.split(':');
  if (parts.length !== 3) return undefined;
  const [uid, rawStep, rawAttempt] = parts as [string, string, string];
  if (uid === '' || !/^(0|[1-9][0-9]*)$/.test(rawAttempt)) return undefined;
  let step: MigrationJobStep;
  if (rawStep === 'validate' || rawStep === 'rollback' || rawStep === 'finish') step = rawStep;
  else if (/^(0|[1-9][0-9]*)$/.test(rawStep)) step = Number(rawStep);
  else return undefined;
  return { uid, step, attempt: Number(rawAttempt) };
}
