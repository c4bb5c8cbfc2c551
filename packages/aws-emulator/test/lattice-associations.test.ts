// Service network associations through the real SDK: asynchronous status driven by the clock,
// one service network per VPC, deletion guards, and cross-account use of shared resources.
import {
  AccessDeniedException,
  ConflictException,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  GetServiceNetworkCommand,
  GetServiceNetworkServiceAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ResourceNotFoundException,
  UpdateServiceNetworkVpcAssociationCommand,
  ValidationException,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_A, ACCOUNT_B, VPC_A, VPC_B, startHarness } from './lattice-harness.ts';
import type { Harness } from './lattice-harness.ts';

let h: Harness;
beforeEach(async () => {
  // associations settle after 2 s of (adjustable) time, like AWS's asynchronous associations
  h = await startHarness({
    delays: {
      CreateServiceNetworkVpcAssociation: 2000,
      DeleteServiceNetworkVpcAssociation: 2000,
      CreateServiceNetworkServiceAssociation: 2000,
      DeleteServiceNetworkServiceAssociation: 2000,
    },
  });
});
afterEach(async () => {
  await h.close();
});

describe('VPC associations', () => {
  it('progress CREATE_IN_PROGRESS → ACTIVE and DELETE_IN_PROGRESS → gone with the clock', async () => {
    const a = h.client(ACCOUNT_A);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'net' }));
    const assoc = await a.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: VPC_A,
        securityGroupIds: ['sg-0123456789abcdef0'],
      }),
    );
    expect(assoc.id).toMatch(/^snva-[0-9a-z]{17}$/);
    expect(assoc.status).toBe('CREATE_IN_PROGRESS');
    expect(assoc.createdBy).toBe(ACCOUNT_A);
    expect(assoc.securityGroupIds).toEqual(['sg-0123456789abcdef0']);
    h.clock.advance(2000);
    const got = await a.send(
      new GetServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: assoc.arn,
      }),
    );
    expect(got).toMatchObject({
      status: 'ACTIVE',
      vpcId: VPC_A,
      serviceNetworkId: sn.id,
      serviceNetworkName: 'net',
    });
    expect(
      (await a.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })))
        .numberOfAssociatedVPCs,
    ).toBe(1);

    const updated = await a.send(
      new UpdateServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: assoc.id,
        securityGroupIds: ['sg-0fedcba9876543210'],
      }),
    );
    expect(updated.securityGroupIds).toEqual(['sg-0fedcba9876543210']);

    // a service network with associations cannot be deleted
    await expect(
      a.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })),
    ).rejects.toBeInstanceOf(ConflictException);
    const deleting = await a.send(
      new DeleteServiceNetworkVpcAssociationCommand({
        serviceNetworkVpcAssociationIdentifier: assoc.id,
      }),
    );
    expect(deleting.status).toBe('DELETE_IN_PROGRESS');
    const listed = await a.send(
      new ListServiceNetworkVpcAssociationsCommand({ vpcIdentifier: VPC_A }),
    );
    expect(listed.items?.map((i) => i.status)).toEqual(['DELETE_IN_PROGRESS']);
    h.clock.advance(2000);
    await expect(
      a.send(
        new GetServiceNetworkVpcAssociationCommand({
          serviceNetworkVpcAssociationIdentifier: assoc.id,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await a.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }));
  });

  it('allows one service network per VPC and only the caller’s own VPCs', async () => {
    const a = h.client(ACCOUNT_A);
    const one = await a.send(new CreateServiceNetworkCommand({ name: 'one' }));
    const two = await a.send(new CreateServiceNetworkCommand({ name: 'two' }));
    await a.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: one.id,
        vpcIdentifier: VPC_A,
      }),
    );
    const clash = await a
      .send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: two.id,
          vpcIdentifier: VPC_A,
        }),
      )
      .catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(ConflictException);
    expect((clash as ConflictException).resourceType).toBe('SERVICE_NETWORK_VPC_ASSOCIATION');
    await expect(
      a.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: two.id,
          vpcIdentifier: VPC_B,
        }),
      ),
    ).rejects.toBeInstanceOf(AccessDeniedException);
    await expect(
      a.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: two.id,
          vpcIdentifier: 'vpc-bad',
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(a.send(new ListServiceNetworkVpcAssociationsCommand({}))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});

describe('service associations', () => {
  it('associates a service, carries its DNS entry, and blocks deleting the service meanwhile', async () => {
    const a = h.client(ACCOUNT_A);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'net' }));
    const svc = await a.send(new CreateServiceCommand({ name: 'checkout' }));
    const assoc = await a.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        serviceIdentifier: svc.id,
        clientToken: 'c1',
      }),
    );
    expect(assoc.id).toMatch(/^snsa-[0-9a-z]{17}$/);
    expect(assoc.status).toBe('CREATE_IN_PROGRESS');
    expect(assoc.dnsEntry).toEqual(svc.dnsEntry);
    const replay = await a.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        serviceIdentifier: svc.id,
        clientToken: 'c1',
      }),
    );
    expect(replay.id).toBe(assoc.id);
    await expect(
      a.send(
        new CreateServiceNetworkServiceAssociationCommand({
          serviceNetworkIdentifier: sn.id,
          serviceIdentifier: svc.id,
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    h.clock.advance(2000);
    const got = await a.send(
      new GetServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: assoc.id,
      }),
    );
    expect(got).toMatchObject({
      status: 'ACTIVE',
      serviceName: 'checkout',
      serviceNetworkName: 'net',
      createdBy: ACCOUNT_A,
    });
    await expect(
      a.send(new DeleteServiceCommand({ serviceIdentifier: svc.id })),
    ).rejects.toBeInstanceOf(ConflictException);
    const bySvc = await a.send(
      new ListServiceNetworkServiceAssociationsCommand({ serviceIdentifier: svc.arn }),
    );
    expect(bySvc.items?.map((i) => i.id)).toEqual([assoc.id]);
    await a.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: assoc.id,
      }),
    );
    h.clock.advance(2000);
    await a.send(new DeleteServiceCommand({ serviceIdentifier: svc.id }));
  });
});

describe('cross-account', () => {
  it('lets another account associate its VPC and its service with a shared service network', async () => {
    const a = h.client(ACCOUNT_A);
    const b = h.client(ACCOUNT_B);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'tenant' }));
    const svcB = await b.send(new CreateServiceCommand({ name: 'orders' }));

    // not shared yet: invisible to B, by ARN or by ID
    await expect(
      b.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn.arn,
          vpcIdentifier: VPC_B,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    await h.share(ACCOUNT_A, sn.arn!, ACCOUNT_B);
    // an ID names a resource of the caller's own account; other accounts' resources need the ARN
    await expect(
      b.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn.id,
          vpcIdentifier: VPC_B,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const vpcAssoc = await b.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.arn,
        vpcIdentifier: VPC_B,
      }),
    );
    expect(vpcAssoc.arn).toContain(`:${ACCOUNT_B}:servicenetworkvpcassociation/`);
    const svcAssoc = await b.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.arn,
        serviceIdentifier: svcB.id,
      }),
    );
    h.clock.advance(2000);

    // the owner sees both associations in its service network
    const vpcs = await a.send(
      new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: sn.id }),
    );
    expect(vpcs.items?.map((i) => [i.vpcId, i.createdBy, i.status])).toEqual([
      [VPC_B, ACCOUNT_B, 'ACTIVE'],
    ]);
    const svcs = await a.send(
      new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: sn.arn }),
    );
    expect(svcs.items?.map((i) => i.serviceArn)).toEqual([svcB.arn]);
    expect(
      (await a.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })))
        .numberOfAssociatedServices,
    ).toBe(1);

    // the data plane can now route from B's VPC to B's service through A's network
    expect(h.lattice.dataPlane.vpcCanReach(VPC_B, svcB.arn!)).toBe(true);
    expect(h.lattice.dataPlane.getService(svcB.id!)?.serviceNetworks.map((n) => n.arn)).toEqual([
      sn.arn,
    ]);

    // the owner may remove B's association from its network
    await a.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: svcAssoc.arn,
      }),
    );
    h.clock.advance(2000);
    expect(h.lattice.dataPlane.vpcCanReach(VPC_B, svcB.arn!)).toBe(false);
  });

  it('refuses to associate two resources the caller does not own', async () => {
    const a = h.client(ACCOUNT_A);
    const b = h.client(ACCOUNT_B);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'sn-owner' }));
    const svc = await a.send(new CreateServiceCommand({ name: 'owned-by-a' }));
    await h.share(ACCOUNT_A, sn.arn!, ACCOUNT_B);
    await h.share(ACCOUNT_A, svc.arn!, ACCOUNT_B);
    await expect(
      b.send(
        new CreateServiceNetworkServiceAssociationCommand({
          serviceNetworkIdentifier: sn.arn,
          serviceIdentifier: svc.arn,
        }),
      ),
    ).rejects.toBeInstanceOf(AccessDeniedException);
  });
});
