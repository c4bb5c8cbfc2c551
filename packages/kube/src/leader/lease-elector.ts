import type { KubernetesObject } from '@kubernetes/client-node';
import pino, { type Logger } from 'pino';
import { isConflict } from '../objects/api-errors.ts';
import type { ResourceClient } from '../objects/resource-client.ts';
import { CoreResources } from '../objects/resource-ref.ts';

export interface LeaseElectorOptions {
  client: ResourceClient;
  namespace: string;
  /** the Lease's name, e.g. `trellis-hub-controller` */
  name: string;
  /** this replica's identity (pod name + random suffix) */
  identity: string;
  leaseDurationMs?: number;
  /** a leader that cannot renew for this long steps down (must be < leaseDuration) */
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void | Promise<void>;
  onStoppedLeading: () => void | Promise<void>;
  now?: () => Date;
  logger?: Logger;
}

/** A Lease as it travels over the wire (client-node types MicroTime as Date; it is a string). */
interface Lease extends KubernetesObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** RFC 3339 with microseconds, the MicroTime format Leases use. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: acquire when the
 * lease is free or expired, renew every retry period, step down when renewals fail for
 * renewDeadline, and release the lease on stop so a successor does not wait out the duration.
 * Every write carries the Lease's resourceVersion, so two replicas can never both win.
 */
export class LeaseElector {
  private readonly o: Required<Omit<LeaseElectorOptions, 'logger'>>;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private leading = false;
  private lastRenew = 0;
  private loop: Promise<void> | undefined;

  constructor(options: LeaseElectorOptions) {
    this.o = {
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      now: () => new Date(),
      ...options,
    };
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ lease: options.name });
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stop campaigning; if leading, step down (onStoppedLeading) and release the lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.loop;
    if (this.leading) {
      await this.stepDown();
      await this.release().catch((error: unknown) =>
        this.log.warn({ err: error }, 'could not release the lease; it will expire'),
      );
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.loop = this.tick().finally(() => {
        if (this.running) this.schedule(this.o.retryPeriodMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let acquired = false;
    try {
      acquired = await this.tryAcquireOrRenew();
    } catch (error) {
      if (!isConflict(error)) this.log.warn({ err: error }, 'lease update failed');
    }
    const now = this.o.now().getTime();
    if (acquired) {
      this.lastRenew = now;
      if (!this.leading && this.running) {
        this.leading = true;
        this.log.info({ identity: this.o.identity }, 'became leader');
        await this.o.onStartedLeading();
      }
    } else if (this.leading && now - this.lastRenew > this.o.renewDeadlineMs) {
      this.log.warn('could not renew the lease in time; stepping down');
      await this.stepDown();
    }
  }

  private async stepDown(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.o.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.o;
    const now = this.o.now();
    const durationSeconds = Math.ceil(this.o.leaseDurationMs / 1000);
    const lease = await client.get<Lease>(CoreResources.leases, { name, namespace });
    if (lease === undefined) {
      await client.create<Lease>(CoreResources.leases, {
        metadata: { name, namespace },
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: durationSeconds,
          acquireTime: microTime(now),
          renewTime: microTime(now),
          leaseTransitions: 0,
        },
      });
      return true;
    }
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    const renewedAt = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
    const expiresAt = renewedAt + (spec.leaseDurationSeconds ?? durationSeconds) * 1000;
    if (holder !== '' && holder !== identity && expiresAt > now.getTime()) return false;
    const changingHands = holder !== identity;
    await client.replace<Lease>(CoreResources.leases, {
      ...lease,
      spec: {
        ...spec,
        holderIdentity: identity,
        leaseDurationSeconds: durationSeconds,
        renewTime: microTime(now),
        ...(changingHands
          ? { acquireTime: microTime(now), leaseTransitions: (spec.leaseTransitions ?? 0) + 1 }
          : {}),
      },
    });
    return true;
  }

  private async release(): Promise<void> {
    const { client, namespace, name, identity } = this.o;
    const lease = await client.get<Lease>(CoreResources.leases, { name, namespace });
    if (lease?.spec?.holderIdentity !== identity) return;
    await client.replace<Lease>(CoreResources.leases, {
      ...lease,
      spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1 },
    });
  }
}
