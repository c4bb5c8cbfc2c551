// All Lattice resources of every account and region, keyed by ARN (which carries both).
// Asynchronous progress (CREATE_IN_PROGRESS → ACTIVE, DELETE_IN_PROGRESS → gone, draining) is
// kept as instants and evaluated against the Clock on read, so there are no timers to own and a
// fake clock moves everything deterministically.
import type {
  AccessLogSubscriptionRecord,
  AssociationPhase,
  AuthPolicyRecord,
  ListenerRecord,
  RuleAction,
  RuleRecord,
  ServiceAssociationRecord,
  ServiceNetworkRecord,
  ServiceRecord,
  TargetGroupRecord,
  VpcAssociationRecord,
} from './model.ts';

const SEQUENCE = new WeakMap<object, number>();
let lastSequence = 0;

/**
 * A map of records that numbers each record when first stored, so lists come out in creation
 * order even when the clock stands still (a fake clock in tests) and pagination tokens stay valid.
 */
export class RecordMap<T extends object> extends Map<string, T> {
  /** called after every set and every delete that removed something */
  private readonly onChange: (() => void) | undefined;

  constructor(onChange?: () => void) {
    super();
    this.onChange = onChange;
  }

  override set(key: string, value: T): this {
    if (!SEQUENCE.has(value)) SEQUENCE.set(value, ++lastSequence);
    super.set(key, value);
    this.onChange?.();
    return this;
  }

  override delete(key: string): boolean {
    const deleted = super.delete(key);
    if (deleted) this.onChange?.();
    return deleted;
  }
}

export function creationSequence(record: object): number {
  return SEQUENCE.get(record) ?? 0;
}

export class LatticeState {
  // Every record added or removed moves the revision, whichever code path does it.
  readonly serviceNetworks = new RecordMap<ServiceNetworkRecord>(() => this.touch());
  readonly services = new RecordMap<ServiceRecord>(() => this.touch());
  readonly listeners = new RecordMap<ListenerRecord>(() => this.touch());
  readonly rules = new RecordMap<RuleRecord>(() => this.touch());
  readonly targetGroups = new RecordMap<TargetGroupRecord>(() => this.touch());
  readonly serviceAssociations = new RecordMap<ServiceAssociationRecord>(() => this.touch());
  readonly vpcAssociations = new RecordMap<VpcAssociationRecord>(() => this.touch());
  readonly accessLogSubscriptions = new RecordMap<AccessLogSubscriptionRecord>(() => this.touch());
  /** keyed by service network or service ARN */
  readonly authPolicies = new Map<string, AuthPolicyRecord>();
  /** keyed by service network or service ARN */
  readonly resourcePolicies = new Map<string, string>();
  /** keyed by resource ARN */
  readonly tags = new Map<string, Record<string, string>>();
  /** bumped on every change (see LatticeDataPlaneView.revision) */
  revision = 0;
  /** what a health-checked target reports before the data plane has checked it */
  initialTargetHealth: 'INITIAL' | 'HEALTHY' = 'INITIAL';

  touch(): void {
    this.revision++;
  }

  /** Finish what the clock says is finished: deletions of associations, draining of targets. */
  settle(now: Date): void {
    for (const map of [this.serviceAssociations, this.vpcAssociations] as const) {
      for (const [arn, assoc] of map) {
        if (assoc.deletedAt && assoc.deletedAt <= now) {
          map.delete(arn);
          this.tags.delete(arn);
        }
      }
    }
    for (const tg of this.targetGroups.values()) {
      for (const [key, target] of tg.targets) {
        if (target.drainUntil && target.drainUntil <= now) {
          tg.targets.delete(key);
          this.touch();
        }
      }
    }
  }

  listenersOf(serviceArn: string): ListenerRecord[] {
    return [...this.listeners.values()].filter((l) => l.serviceArn === serviceArn);
  }

  rulesOf(listenerArn: string): RuleRecord[] {
    return [...this.rules.values()].filter((r) => r.listenerArn === listenerArn);
  }

  /** ARNs of the services whose listeners or rules forward to the target group. */
  servicesUsingTargetGroup(tgId: string): string[] {
    const services = new Set<string>();
    for (const listener of this.listeners.values()) {
      for (const rule of this.rulesOf(listener.arn)) {
        if (actionTargetGroupIds(rule.action).includes(tgId)) services.add(listener.serviceArn);
      }
    }
    return [...services].sort();
  }

  /** Delete a resource's policies, tags and access-log subscriptions along with it. */
  dropAttachments(arn: string): void {
    this.tags.delete(arn);
    this.authPolicies.delete(arn);
    this.resourcePolicies.delete(arn);
    for (const [alsArn, als] of this.accessLogSubscriptions) {
      if (als.resourceArn === arn) {
        this.accessLogSubscriptions.delete(alsArn);
        this.tags.delete(alsArn);
      }
    }
  }
}

export function associationPhase(
  assoc: { activeAt: Date; deletedAt?: Date },
  now: Date,
): AssociationPhase {
  if (assoc.deletedAt) return 'DELETE_IN_PROGRESS';
  return now < assoc.activeAt ? 'CREATE_IN_PROGRESS' : 'ACTIVE';
}

/** Target group IDs an action forwards to (identifiers are stored normalised to IDs). */
export function actionTargetGroupIds(action: RuleAction): string[] {
  return 'forward' in action ? action.forward.targetGroups.map((t) => t.targetGroupIdentifier) : [];
}
