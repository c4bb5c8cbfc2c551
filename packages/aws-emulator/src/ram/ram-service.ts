// The RAM service module: routes restJson1 requests (method + path, from the service model) to
// operation handlers, and answers the Lattice module's cross-account question (ShareVisibility).
import type { AwsRequest, AwsResponse, ServiceModule, ShareVisibility } from '../core/contracts.ts';
import { jsonResponse } from '../core/protocols/rest-json.ts';
import { IdempotencyLedger } from './idempotency.ts';
import type { RamContext, RamServiceDeps } from './ram-context.ts';
import { UnknownOperationException } from './ram-errors.ts';
import { RamState } from './ram-state.ts';
import {
  enableSharingWithAwsOrganization,
  getPermission,
  listPermissions,
  listResourceTypes,
} from './operations/catalog.ts';
import {
  acceptResourceShareInvitation,
  getResourceShareInvitations,
  listPendingInvitationResources,
  rejectResourceShareInvitation,
} from './operations/invitations.ts';
import {
  associateResourceShare,
  disassociateResourceShare,
  getResourceShareAssociations,
} from './operations/share-associations.ts';
import {
  createResourceShare,
  deleteResourceShare,
  updateResourceShare,
} from './operations/share-lifecycle.ts';
import { getResourceShares, listPrincipals, listResources } from './operations/share-queries.ts';
import { tagResource, untagResource } from './operations/tagging.ts';

export interface RamService extends ServiceModule, ShareVisibility {
  readonly signingName: 'ram';
}

type Handler = (context: RamContext, request: AwsRequest) => unknown;

interface Operation {
  name: string;
  method: 'POST' | 'DELETE';
  mutating: boolean;
  handler: Handler;
}

const OPERATIONS: readonly Operation[] = [
  {
    name: 'AcceptResourceShareInvitation',
    method: 'POST',
    mutating: true,
    handler: acceptResourceShareInvitation,
  },
  {
    name: 'AssociateResourceShare',
    method: 'POST',
    mutating: true,
    handler: associateResourceShare,
  },
  { name: 'CreateResourceShare', method: 'POST', mutating: true, handler: createResourceShare },
  { name: 'DeleteResourceShare', method: 'DELETE', mutating: true, handler: deleteResourceShare },
  {
    name: 'DisassociateResourceShare',
    method: 'POST',
    mutating: true,
    handler: disassociateResourceShare,
  },
  {
    name: 'EnableSharingWithAwsOrganization',
    method: 'POST',
    mutating: true,
    handler: enableSharingWithAwsOrganization,
  },
  { name: 'GetPermission', method: 'POST', mutating: false, handler: getPermission },
  {
    name: 'GetResourceShareAssociations',
    method: 'POST',
    mutating: false,
    handler: getResourceShareAssociations,
  },
  {
    name: 'GetResourceShareInvitations',
    method: 'POST',
    mutating: false,
    handler: getResourceShareInvitations,
  },
  { name: 'GetResourceShares', method: 'POST', mutating: false, handler: getResourceShares },
  {
    name: 'ListPendingInvitationResources',
    method: 'POST',
    mutating: false,
    handler: listPendingInvitationResources,
  },
  { name: 'ListPermissions', method: 'POST', mutating: false, handler: listPermissions },
  { name: 'ListPrincipals', method: 'POST', mutating: false, handler: listPrincipals },
  { name: 'ListResources', method: 'POST', mutating: false, handler: listResources },
  { name: 'ListResourceTypes', method: 'POST', mutating: false, handler: listResourceTypes },
  {
    name: 'RejectResourceShareInvitation',
    method: 'POST',
    mutating: true,
    handler: rejectResourceShareInvitation,
  },
  { name: 'TagResource', method: 'POST', mutating: true, handler: tagResource },
  { name: 'UntagResource', method: 'POST', mutating: true, handler: untagResource },
  { name: 'UpdateResourceShare', method: 'POST', mutating: true, handler: updateResourceShare },
];

/** Every operation the module answers (docs/aws-emulator.md's conformance table is checked against it). */
export const RAM_OPERATIONS: readonly string[] = OPERATIONS.map((operation) => operation.name);

/** RAM's URIs are the operation name in lower case: POST /createresourceshare. */
const ROUTES = new Map(
  OPERATIONS.map((operation) => [
    `${operation.method} /${operation.name.toLowerCase()}`,
    operation,
  ]),
);

export function createRamService(deps: RamServiceDeps): RamService {
  const state = new RamState();
  const ledger = new IdempotencyLedger();

  return {
    signingName: 'ram',
    protocol: 'restJson1',

    handle(request: AwsRequest): Promise<AwsResponse> {
      const path = request.path.split('?')[0] ?? '';
      const operation = ROUTES.get(
        `${request.method.toUpperCase()} ${path.replace(/\/+$/, '').toLowerCase()}`,
      );
      if (!operation) return Promise.reject(new UnknownOperationException(request.method, path));
      request.setOperation?.(operation.name, { mutating: operation.mutating });
      const now = deps.clock.now();
      state.settle(now);
      const context: RamContext = {
        deps,
        state,
        ledger,
        caller: request.caller,
        region: request.region,
        now,
        delayMs: (operation: string) =>
          Math.max(0, deps.consistencyDelayMs?.(operation, request.caller.accountId) ?? 0),
      };
      try {
        const body = operation.handler(context, request);
        return Promise.resolve({
          ...jsonResponse(200, body),
          operation: operation.name,
          mutating: operation.mutating,
        });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },

    isSharedWith(resourceArn: string, accountId: string): boolean {
      state.settle(deps.clock.now());
      for (const share of state.shares.values()) {
        const resource = state.association(share.arn, 'RESOURCE', resourceArn);
        if (resource?.status !== 'ASSOCIATED') continue;
        // A resource deleted by its owner after it was shared is shared with no one.
        if (!deps.resolver.resolve(resourceArn)) return false;
        if (state.receivingAssociations(share, accountId, deps.accounts).length > 0) return true;
      }
      return false;
    },
  };
}
