// Auth policies, resource policies, access-log subscriptions and tags through the real SDK.
import {
  ConflictException,
  CreateAccessLogSubscriptionCommand,
  CreateListenerCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  DeleteAccessLogSubscriptionCommand,
  DeleteAuthPolicyCommand,
  DeleteResourcePolicyCommand,
  DeleteServiceCommand,
  GetAccessLogSubscriptionCommand,
  GetAuthPolicyCommand,
  GetResourcePolicyCommand,
  ListAccessLogSubscriptionsCommand,
  ListTagsForResourceCommand,
  PutAuthPolicyCommand,
  PutResourcePolicyCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAccessLogSubscriptionCommand,
  UpdateServiceNetworkCommand,
  ValidationException,
} from '@aws-sdk/client-vpc-lattice';
import type { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_A, ACCOUNT_B, startHarness } from './lattice-harness.ts';
import type { Harness } from './lattice-harness.ts';

let h: Harness;
let a: VPCLatticeClient;
beforeEach(async () => {
  h = await startHarness();
  a = h.client(ACCOUNT_A);
});
afterEach(async () => {
  await h.close();
});

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' },
  ],
});

describe('auth policies', () => {
  it('are Active only while the resource uses AWS_IAM', async () => {
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'auth', authType: 'NONE' }));
    const put = await a.send(
      new PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy: POLICY }),
    );
    expect(put).toMatchObject({ policy: POLICY, state: 'Inactive' });
    await a.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.id, authType: 'AWS_IAM' }),
    );
    const got = await a.send(new GetAuthPolicyCommand({ resourceIdentifier: sn.arn }));
    expect(got.state).toBe('Active');
    expect(got.createdAt).toBeInstanceOf(Date);
    await expect(
      a.send(new PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy: '{not json' })),
    ).rejects.toBeInstanceOf(ValidationException);
    await a.send(new DeleteAuthPolicyCommand({ resourceIdentifier: sn.id }));
    await expect(
      a.send(new GetAuthPolicyCommand({ resourceIdentifier: sn.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('apply to services too, and only the owner can set them', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'authsvc', authType: 'AWS_IAM' }));
    expect(
      (await a.send(new PutAuthPolicyCommand({ resourceIdentifier: svc.arn, policy: POLICY })))
        .state,
    ).toBe('Active');
    await expect(
      h
        .client(ACCOUNT_B)
        .send(new PutAuthPolicyCommand({ resourceIdentifier: svc.arn, policy: POLICY })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      a.send(
        new PutAuthPolicyCommand({ resourceIdentifier: 'tg-0123456789abcdef0', policy: POLICY }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});

describe('resource policies', () => {
  it('are put, read and deleted by ARN', async () => {
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'rp-net' }));
    await a.send(new PutResourcePolicyCommand({ resourceArn: sn.arn, policy: POLICY }));
    expect((await a.send(new GetResourcePolicyCommand({ resourceArn: sn.arn }))).policy).toBe(
      POLICY,
    );
    await a.send(new DeleteResourcePolicyCommand({ resourceArn: sn.arn }));
    await expect(
      a.send(new GetResourcePolicyCommand({ resourceArn: sn.arn })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('access-log subscriptions', () => {
  it('accept S3, CloudWatch Logs and Firehose destinations, one per type', async () => {
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'logs' }));
    const s3 = await a.send(
      new CreateAccessLogSubscriptionCommand({
        resourceIdentifier: sn.id,
        destinationArn: 'arn:aws:s3:::trellis-access-logs',
        tags: { ManagedBy: 'trellis' },
      }),
    );
    expect(s3.id).toMatch(/^als-[0-9a-z]{17}$/);
    expect(s3).toMatchObject({
      resourceId: sn.id,
      resourceArn: sn.arn,
      serviceNetworkLogType: 'SERVICE',
    });
    const cw = await a.send(
      new CreateAccessLogSubscriptionCommand({
        resourceIdentifier: sn.arn,
        destinationArn: `arn:aws:logs:us-east-1:${ACCOUNT_A}:log-group:/trellis/lattice`,
      }),
    );
    await expect(
      a.send(
        new CreateAccessLogSubscriptionCommand({
          resourceIdentifier: sn.id,
          destinationArn: 'arn:aws:s3:::another-bucket',
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(
      a.send(
        new CreateAccessLogSubscriptionCommand({
          resourceIdentifier: sn.id,
          destinationArn: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:queue`,
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    const list = await a.send(new ListAccessLogSubscriptionsCommand({ resourceIdentifier: sn.id }));
    expect(list.items?.map((i) => i.id)).toEqual([s3.id, cw.id]);
    const updated = await a.send(
      new UpdateAccessLogSubscriptionCommand({
        accessLogSubscriptionIdentifier: s3.id,
        destinationArn: 'arn:aws:s3:::new-bucket',
      }),
    );
    expect(updated.destinationArn).toBe('arn:aws:s3:::new-bucket');
    const got = await a.send(
      new GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: s3.arn }),
    );
    expect(got.lastUpdatedAt).toBeInstanceOf(Date);
    expect((await a.send(new ListTagsForResourceCommand({ resourceArn: s3.arn }))).tags).toEqual({
      ManagedBy: 'trellis',
    });
    await a.send(
      new DeleteAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: s3.id }),
    );
    await expect(
      a.send(new GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: s3.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('go away with their service', async () => {
    const svc = await a.send(new CreateServiceCommand({ name: 'logged' }));
    const sub = await a.send(
      new CreateAccessLogSubscriptionCommand({
        resourceIdentifier: svc.id,
        destinationArn: `arn:aws:firehose:us-east-1:${ACCOUNT_A}:deliverystream/lattice`,
      }),
    );
    expect(sub.serviceNetworkLogType).toBeUndefined();
    await a.send(new DeleteServiceCommand({ serviceIdentifier: svc.id }));
    await expect(
      a.send(new GetAccessLogSubscriptionCommand({ accessLogSubscriptionIdentifier: sub.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('tags', () => {
  it('are listed, added and removed on any taggable ARN, within the limits', async () => {
    const svc = await a.send(
      new CreateServiceCommand({ name: 'tagged', tags: { ManagedBy: 'trellis', tenant: 'acme' } }),
    );
    const listener = await a.send(
      new CreateListenerCommand({
        serviceIdentifier: svc.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: { fixedResponse: { statusCode: 404 } },
        tags: { port: '80' },
      }),
    );
    expect((await a.send(new ListTagsForResourceCommand({ resourceArn: svc.arn }))).tags).toEqual({
      ManagedBy: 'trellis',
      tenant: 'acme',
    });
    expect(
      (await a.send(new ListTagsForResourceCommand({ resourceArn: listener.arn }))).tags,
    ).toEqual({ port: '80' });
    await a.send(new TagResourceCommand({ resourceArn: svc.arn, tags: { cluster: 'blue' } }));
    await a.send(
      new UntagResourceCommand({ resourceArn: svc.arn, tagKeys: ['tenant', 'missing'] }),
    );
    expect((await a.send(new ListTagsForResourceCommand({ resourceArn: svc.arn }))).tags).toEqual({
      ManagedBy: 'trellis',
      cluster: 'blue',
    });

    await expect(
      a.send(new TagResourceCommand({ resourceArn: svc.arn, tags: { 'aws:reserved': 'x' } })),
    ).rejects.toBeInstanceOf(ValidationException);
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    await expect(
      a.send(new TagResourceCommand({ resourceArn: svc.arn, tags: many })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      h.client(ACCOUNT_B).send(new ListTagsForResourceCommand({ resourceArn: svc.arn })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
