import type { KubernetesObject } from '@kubernetes/client-node';
import { setCondition, summarizeReady, type Condition, type ConditionUpdate } from '@trellis/core';

/**
 * What one reconcile has loaded and decided (Cluster API's "scope"): the object, a draft of its
 * status, and the conditions phases set. The controller writes the draft back in a `finally`.
 */
export class ReconcileScope<T extends KubernetesObject & { status?: object }> {
  readonly object: T;
  readonly now: Date;
  private conditionList: Condition[];
  /** status fields other than conditions/observedGeneration, as phases fill them in */
  readonly status: Record<string, unknown>;

  constructor(object: T, now: Date) {
    this.object = object;
    this.now = now;
    const {
      conditions,
      observedGeneration: _observed,
      ...rest
    } = (object.status ?? {}) as {
      conditions?: Condition[];
      observedGeneration?: number;
    } & Record<string, unknown>;
    this.conditionList = conditions ?? [];
    this.status = { ...rest };
  }

  setCondition(update: Omit<ConditionUpdate, 'observedGeneration'>): void {
    this.conditionList = setCondition(
      this.conditionList,
      {
        ...update,
        ...(this.generation !== undefined ? { observedGeneration: this.generation } : {}),
      },
      this.now,
    );
  }

  get conditions(): readonly Condition[] {
    return this.conditionList;
  }

  get generation(): number | undefined {
    return this.object.metadata?.generation;
  }

  /**
   * The status to write: Ready summarised from `readyDependsOn`, and observedGeneration only
   * when the reconcile completed (so it never claims a spec was acted on when it was not).
   */
  finalStatus(readyDependsOn: readonly string[], completed: boolean): Record<string, unknown> {
    const ready = summarizeReady(this.conditionList, readyDependsOn);
    this.setCondition(ready);
    const previous = (this.object.status as { observedGeneration?: number } | undefined)
      ?.observedGeneration;
    const observedGeneration = completed ? this.generation : previous;
    return {
      ...this.status,
      ...(observedGeneration !== undefined ? { observedGeneration } : {}),
      conditions: this.conditionList,
    };
  }
}
