// VPCs come from the AccountDirectory (the seed). A VPC the directory does not know is reported as
// not found; a VPC owned by another account is access denied (VPC sharing is not modelled).
import type { OperationContext } from './context.ts';
import { LatticeAccessDenied, ResourceNotFound } from './errors.ts';

export const VPC_ID = /^vpc-(([0-9a-z]{8})|([0-9a-z]{17}))$/;

export function checkVpcUsable(ctx: OperationContext, vpcId: string, _field: string): void {
  const owner = ctx.accounts.vpcOwner(vpcId, ctx.scope.accountId);
  if (owner === undefined) throw new ResourceNotFound('VPC', vpcId, `VPC ${vpcId} not found`);
  if (owner !== ctx.scope.accountId) {
    throw new LatticeAccessDenied(
      `You are not authorized to use VPC ${vpcId}: it belongs to another account`,
    );
  }
}
