import {
  CreateAccessLogSubscriptionCommand,
  DeleteAccessLogSubscriptionCommand,
  ListTagsForResourceCommand,
  paginateListAccessLogSubscriptions,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall } from '../clients/aws-errors.ts';

export interface AccessLogIntent {
  /** where logs go; undefined means Trellis keeps no subscription */
  destinationArn: string | undefined;
  tags: Record<string, string>;
  clientToken: string;
  /** whether a subscription's tags mark it as ours (only ours are ever deleted) */
  isOwned: (tags: Record<string, string> | undefined) => boolean;
}

/**
 * Keep one access-log subscription to the intended destination on a service network or
 * service; remove subscriptions Trellis created for other destinations, never anyone else's.
 * Returns whether anything changed.
 */
export async function ensureAccessLogSubscription(
  lattice: VPCLatticeClient,
  resourceIdentifier: string,
  intent: AccessLogIntent,
): Promise<boolean> {
  const existing = await awsCall('ListAccessLogSubscriptions', async () => {
    const items: { id: string; arn: string; destinationArn: string }[] = [];
    const pages = paginateListAccessLogSubscriptions({ client: lattice }, { resourceIdentifier });
    for await (const page of pages) {
      for (const item of page.items ?? []) {
        if (item.id && item.arn && item.destinationArn) {
          items.push({ id: item.id, arn: item.arn, destinationArn: item.destinationArn });
        }
      }
    }
    return items;
  });
  let changed = false;
  const wanted = intent.destinationArn;
  // Remove ours first: Lattice allows one subscription per destination type, so moving from
  // one log group to another must free the slot before creating.
  for (const other of existing.filter((s) => s.destinationArn !== wanted)) {
    const { tags } = await awsCall('ListTagsForResource', () =>
      lattice.send(new ListTagsForResourceCommand({ resourceArn: other.arn })),
    );
    if (!intent.isOwned(tags)) continue;
    await awsCall('DeleteAccessLogSubscription', () =>
      lattice.send(
        new DeleteAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: other.id }),
      ),
    );
    changed = true;
  }
  if (wanted !== undefined && !existing.some((s) => s.destinationArn === wanted)) {
    await awsCall('CreateAccessLogSubscription', () =>
      lattice.send(
        new CreateAccessLogSubscriptionCommand({
          resourceIdentifier,
          destinationArn: wanted,
          tags: intent.tags,
          clientToken: intent.clientToken,
        }),
      ),
    );
    changed = true;
  }
  return changed;
}
