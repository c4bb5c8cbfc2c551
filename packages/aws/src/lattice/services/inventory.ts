// An account's Lattice services and target groups, listed once and shared by every reconcile in
// that account, instead of every multi-cluster service listing the whole account (its cost grew
// with the account: 1,000 services were 10 pages of ListServices and 20 of ListTargetGroups per
// reconcile). What it holds is a hint, never the authority:
//   - a resource it lists is always read again by ID before it is used (GetService,
//     GetTargetGroup, ListTagsForResource), so one deleted by hand fails with NotFound, the
//     caller invalidates the listing and converges again (drift repair is not delayed);
//   - a resource it misses is created with an idempotency token; a ConflictException (the name
//     exists after all) invalidates the listing the same way;
//   - what this hub creates or deletes is written into it at once;
//   - a listing older than `maxAgeMs` is refreshed (what others created in the account).
// Tags of target groups are kept too, by ARN, only to pre-select garbage-collection candidates;
// every delete reads the tags again before acting.
import {
  paginateListServices,
  type ServiceSummary,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall, errorCode, AwsCallError } from '../../clients/aws-errors.ts';
import { listTargetGroups, type TargetGroupSummary } from './target-group.ts';

export interface InventoryOptions {
  /** how long a listing is trusted for resources created by others (default 5 minutes) */
  maxAgeMs?: number;
  now?: () => number;
}

interface Listing<T> {
  items: Promise<T[]>;
  /** when the listing started */
  at: number;
}

export class LatticeInventory {
  private readonly lattice: VPCLatticeClient;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private servicesListing: Listing<ServiceSummary> | undefined;
  private targetGroupsListing: Listing<TargetGroupSummary> | undefined;
  private readonly tags = new Map<string, Record<string, string>>();
  /** listings made (for tests and benchmarks) */
  refreshes = 0;

  constructor(lattice: VPCLatticeClient, options: InventoryOptions = {}) {
    this.lattice = lattice;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Every service the account sees (its own and shared-in ones), as ListServices gives them. */
  services(): Promise<ServiceSummary[]> {
    if (!this.isFresh(this.servicesListing)) {
      const listing: Listing<ServiceSummary> = {
        at: this.now(),
        items: awsCall('ListServices', async () => {
          const items: ServiceSummary[] = [];
          for await (const page of paginateListServices({ client: this.lattice }, {}))
            items.push(...(page.items ?? []));
          return items;
        }),
      };
      this.servicesListing = this.track(listing, () => {
        if (this.servicesListing === listing) this.servicesListing = undefined;
      });
    }
    return this.servicesListing!.items;
  }

  targetGroups(): Promise<TargetGroupSummary[]> {
    if (!this.isFresh(this.targetGroupsListing)) {
      const listing = { at: this.now(), items: listTargetGroups(this.lattice) };
      this.targetGroupsListing = this.track(listing, () => {
        if (this.targetGroupsListing === listing) this.targetGroupsListing = undefined;
      });
    }
    return this.targetGroupsListing!.items;
  }

  /** A target group's tags as last read (undefined: not read yet). */
  cachedTags(arn: string): Record<string, string> | undefined {
    return this.tags.get(arn);
  }

  rememberTags(arn: string, tags: Record<string, string>): void {
    this.tags.set(arn, tags);
  }

  /** Drop both listings (and the tags): the next use lists the account again. */
  invalidate(): void {
    this.servicesListing = undefined;
    this.targetGroupsListing = undefined;
    this.tags.clear();
  }

  /** A service this hub just created. */
  async rememberService(service: ServiceSummary): Promise<void> {
    const items = await settled(this.servicesListing);
    if (items !== undefined && !items.some((s) => s.id === service.id)) items.push(service);
  }

  async forgetService(id: string): Promise<void> {
    const items = (await settled(this.servicesListing)) ?? [];
    const at = items.findIndex((s) => s.id === id);
    if (at >= 0) items.splice(at, 1);
  }

  /** A target group this hub just created, with the tags it was created with. */
  async rememberTargetGroup(tg: TargetGroupSummary, tags: Record<string, string>): Promise<void> {
    this.tags.set(tg.arn, tags);
    const items = await settled(this.targetGroupsListing);
    if (items !== undefined && !items.some((t) => t.id === tg.id)) items.push(tg);
  }

  async forgetTargetGroup(id: string): Promise<void> {
    const items = (await settled(this.targetGroupsListing)) ?? [];
    const at = items.findIndex((t) => t.id === id);
    if (at < 0) return;
    this.tags.delete(items[at].arn);
    items.splice(at, 1);
  }

  /** Record which services use a target group (as GetTargetGroup just said). */
  async noteTargetGroupServices(id: string, serviceArns: string[]): Promise<void> {
    const tg = (await settled(this.targetGroupsListing))?.find((t) => t.id === id);
    if (tg !== undefined) tg.serviceArns = serviceArns;
  }

  private isFresh(listing: Listing<unknown> | undefined): boolean {
    return listing !== undefined && this.now() - listing.at < this.maxAgeMs;
  }

  /** Count the listing; a failed one is dropped (the next caller lists again). */
  private track<T>(listing: Listing<T>, drop: () => void): Listing<T> {
    this.refreshes++;
    listing.items.catch(drop);
    return listing;
  }
}

async function settled<T>(listing: Listing<T> | undefined): Promise<T[] | undefined> {
  return listing?.items.catch(() => undefined);
}

/**
 * The listing was wrong about a resource: it is gone (NotFound on a read by ID) or exists after
 * all (ConflictException on a create). Converging again with a fresh listing fixes it.
 */
export function isStaleInventoryError(error: unknown): boolean {
  const code = error instanceof AwsCallError ? error.code : errorCode(error);
  return code === 'ResourceNotFoundException' || code === 'ConflictException';
}

/**
 * Run `converge` (idempotent) once; when it failed because the inventory was stale, once more
 * with a fresh listing. Without an inventory it runs once on fresh listings anyway.
 */
export async function convergeWithInventory<T>(
  inventory: LatticeInventory | undefined,
  converge: () => Promise<T>,
): Promise<T> {
  if (inventory === undefined) return converge();
  try {
    return await converge();
  } catch (error) {
    if (!isStaleInventoryError(error)) throw error;
    inventory.invalidate();
    return converge();
  }
}
