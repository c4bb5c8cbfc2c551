// TagResource / UntagResource on resource shares (the only RAM resource this emulator tags).
import type { AwsRequest } from '../../core/contracts.ts';
import type { RamContext } from '../ram-context.ts';
import { InvalidParameterException, MissingRequiredParameterException } from '../ram-errors.ts';
import { optionalString, readJsonBody, stringList, tagList } from '../request-input.ts';
import { ownedShare, validateTags } from '../share-lookup.ts';

export function tagResource(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const share = ownedShare(context, shareArnMember(members));
  const tags = tagList(members, 'tags');
  const merged = new Map(share.tags.map((tag) => [tag.key, tag.value]));
  for (const tag of tags) merged.set(tag.key, tag.value);
  const next = [...merged].map(([key, value]) => ({ key, value }));
  validateTags(next);
  share.tags = next;
  share.lastUpdatedTime = context.now;
  return {};
}

export function untagResource(context: RamContext, request: AwsRequest): unknown {
  const members = readJsonBody(request);
  const share = ownedShare(context, shareArnMember(members));
  const keys = new Set(stringList(members, 'tagKeys'));
  share.tags = share.tags.filter((tag) => !keys.has(tag.key));
  share.lastUpdatedTime = context.now;
  return {};
}

/** Tagging names the share by resourceShareArn; resourceArn (managed permissions) is not taggable here. */
function shareArnMember(members: Record<string, unknown>): string {
  const shareArn = optionalString(members, 'resourceShareArn');
  if (shareArn !== undefined) return shareArn;
  if (optionalString(members, 'resourceArn') !== undefined) {
    throw new InvalidParameterException('Only resource shares can be tagged in this emulator.');
  }
  throw new MissingRequiredParameterException('resourceShareArn');
}
