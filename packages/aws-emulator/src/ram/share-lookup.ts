// Finding the share a request names, as AWS scopes it: a share exists for its owner in its own
// region; to anyone else (or elsewhere) it is unknown.
import type { ResourceShare, Tag } from './model.ts';
import { requireShareArn } from './arns.ts';
import type { RamContext } from './ram-context.ts';
import {
  InvalidParameterException,
  InvalidStateTransitionException,
  TagLimitExceededException,
  TagPolicyViolationException,
  UnknownResourceException,
} from './ram-errors.ts';

export function ownedShare(context: RamContext, arn: string): ResourceShare {
  requireShareArn(arn);
  const share = context.state.shares.get(arn);
  if (
    !share ||
    share.owningAccountId !== context.caller.accountId ||
    share.region !== context.region
  ) {
    throw new UnknownResourceException(`ResourceShare ${arn} could not be found.`);
  }
  return share;
}

/** A share that can still change: DELETING and DELETED shares refuse updates and associations. */
export function changeableShare(context: RamContext, arn: string): ResourceShare {
  const share = ownedShare(context, arn);
  if (share.status === 'DELETING' || share.status === 'DELETED') {
    throw new InvalidStateTransitionException(
      `Resource share ${arn} is ${share.status} and cannot be changed.`,
    );
  }
  return share;
}

/** RAM's tag rules: at most 50 per share, keys 1–128 characters, values up to 256, no `aws:` prefix. */
export function validateTags(tags: readonly Tag[]): void {
  if (tags.length > 50)
    throw new TagLimitExceededException('A resource share can have at most 50 tags.');
  for (const tag of tags) {
    if (tag.key.toLowerCase().startsWith('aws:')) {
      throw new TagPolicyViolationException(
        `The tag key ${tag.key} uses the reserved prefix aws:.`,
      );
    }
    if (tag.key.length < 1 || tag.key.length > 128 || tag.value.length > 256) {
      throw new InvalidParameterException(
        `The tag ${tag.key} is not valid: keys are 1-128 characters, values up to 256.`,
      );
    }
  }
}
