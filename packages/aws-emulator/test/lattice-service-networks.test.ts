// Service networks and services through the real @aws-sdk/client-vpc-lattice: shapes, name rules,
// idempotency, pagination, conflicts, quotas.
import {
  ConflictException,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  ListServiceNetworksCommand,
  ListServicesCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateServiceCommand,
  UpdateServiceNetworkCommand,
  ValidationException,
  paginateListServiceNetworks,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_A, ACCOUNT_B, startHarness } from './lattice-harness.ts';
import type { Harness } from './lattice-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ quotas: { serviceNetworksPerRegion: 5 } });
});
afterEach(async () => {
  await h.close();
});

describe('service networks', () => {
  it('creates, reads, updates and deletes with real IDs, ARNs and timestamps', async () => {
    const a = h.client(ACCOUNT_A);
    const created = await a.send(
      new CreateServiceNetworkCommand({
        name: 'trellis-acme',
        authType: 'AWS_IAM',
        tags: { ManagedBy: 'trellis' },
      }),
    );
    expect(created.id).toMatch(/^sn-[0-9a-z]{17}$/);
    expect(created.arn).toBe(
      `arn:aws:vpc-lattice:us-east-1:${ACCOUNT_A}:servicenetwork/${created.id}`,
    );
    expect(created.authType).toBe('AWS_IAM');

    const byArn = await a.send(
      new GetServiceNetworkCommand({ serviceNetworkIdentifier: created.arn }),
    );
    expect(byArn.name).toBe('trellis-acme');
    expect(byArn.createdAt).toBeInstanceOf(Date);
    expect(byArn.numberOfAssociatedVPCs).toBe(0);
    expect(byArn.numberOfAssociatedServices).toBe(0);

    const updated = await a.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: created.id, authType: 'NONE' }),
    );
    expect(updated.authType).toBe('NONE');

    await a.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: created.id }));
    await expect(
      a.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: created.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('rejects names that break the rules with a ValidationException naming the field', async () => {
    const a = h.client(ACCOUNT_A);
    for (const name of [
      'ab',
      'Upper',
      '-lead',
      'trail-',
      'dou--ble',
      'x'.repeat(64),
      'under_score',
    ]) {
      const error = await a
        .send(new CreateServiceNetworkCommand({ name }))
        .catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).fieldList?.[0]?.name).toBe('name');
      expect((error as ValidationException).reason).toBe('fieldValidationFailed');
    }
    await expect(
      a.send(new CreateServiceNetworkCommand({ name: 'x'.repeat(63) })),
    ).resolves.toBeDefined();
  });

  it('is idempotent by clientToken and rejects a reused token with other parameters', async () => {
    const a = h.client(ACCOUNT_A);
    const first = await a.send(
      new CreateServiceNetworkCommand({ name: 'idem', clientToken: 'tok-1' }),
    );
    const again = await a.send(
      new CreateServiceNetworkCommand({ name: 'idem', clientToken: 'tok-1' }),
    );
    expect(again.id).toBe(first.id);
    await expect(
      a.send(new CreateServiceNetworkCommand({ name: 'other', clientToken: 'tok-1' })),
    ).rejects.toBeInstanceOf(ConflictException);
    // Without a token the same name is a conflict with the existing network.
    const dup = await a
      .send(new CreateServiceNetworkCommand({ name: 'idem' }))
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ConflictException);
    expect((dup as ConflictException).resourceType).toBe('SERVICE_NETWORK');
  });

  it('keeps accounts and regions apart', async () => {
    const a = h.client(ACCOUNT_A);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'scoped' }));
    await expect(
      h.client(ACCOUNT_B).send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      h
        .client(ACCOUNT_A, 'eu-west-1')
        .send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    // the same name is free in another region and another account
    await expect(
      h.client(ACCOUNT_A, 'eu-west-1').send(new CreateServiceNetworkCommand({ name: 'scoped' })),
    ).resolves.toBeDefined();
    await expect(
      h.client(ACCOUNT_B).send(new CreateServiceNetworkCommand({ name: 'scoped' })),
    ).resolves.toBeDefined();
  });

  it('lists networks shared with the caller, with the owner ARN', async () => {
    const a = h.client(ACCOUNT_A);
    const b = h.client(ACCOUNT_B);
    const sn = await a.send(new CreateServiceNetworkCommand({ name: 'shared' }));
    expect((await b.send(new ListServiceNetworksCommand({}))).items).toEqual([]);
    await h.share(ACCOUNT_A, sn.arn!, ACCOUNT_B);
    const listed = await b.send(new ListServiceNetworksCommand({}));
    expect(listed.items?.map((i) => i.arn)).toEqual([sn.arn]);
    expect(
      (await b.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn }))).id,
    ).toBe(sn.id);
    // only the owner may change it
    await expect(
      b.send(
        new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn, authType: 'AWS_IAM' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('paginates with maxResults and an opaque nextToken, and validates both', async () => {
    const a = h.client(ACCOUNT_A);
    for (const n of ['p-one', 'p-two', 'p-three', 'p-four', 'p-five']) {
      await a.send(new CreateServiceNetworkCommand({ name: n }));
    }
    const first = await a.send(new ListServiceNetworksCommand({ maxResults: 2 }));
    expect(first.items).toHaveLength(2);
    expect(first.nextToken).toBeTruthy();
    const names: string[] = [];
    for await (const page of paginateListServiceNetworks({ client: a, pageSize: 2 }, {})) {
      names.push(...(page.items ?? []).map((i) => i.name!));
    }
    expect(names).toEqual(['p-one', 'p-two', 'p-three', 'p-four', 'p-five']);
    await expect(
      a.send(new ListServiceNetworksCommand({ maxResults: 101 })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      a.send(new ListServiceNetworksCommand({ nextToken: 'garbage' })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('enforces the service networks per region quota', async () => {
    const a = h.client(ACCOUNT_A);
    for (let i = 0; i < 5; i++) await a.send(new CreateServiceNetworkCommand({ name: `q-${i}` }));
    const error = await a
      .send(new CreateServiceNetworkCommand({ name: 'q-over' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect((error as ServiceQuotaExceededException).$metadata.httpStatusCode).toBe(402);
    expect((error as ServiceQuotaExceededException).serviceCode).toBe('vpc-lattice');
  });
});

describe('services', () => {
  it('gets a generated DNS entry in the regional Lattice zone', async () => {
    const a = h.client(ACCOUNT_A, 'us-west-2');
    const svc = await a.send(
      new CreateServiceCommand({ name: 'checkout', tags: { ManagedBy: 'trellis' } }),
    );
    expect(svc.id).toMatch(/^svc-[0-9a-z]{17}$/);
    expect(svc.status).toBe('ACTIVE');
    expect(svc.dnsEntry?.domainName).toMatch(
      new RegExp(
        `^checkout-${svc.id!.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-west-2\\.on\\.aws$`,
      ),
    );
    expect(svc.dnsEntry?.hostedZoneId).toMatch(/^Z[A-Z0-9]+$/);
    const got = await a.send(new GetServiceCommand({ serviceIdentifier: svc.arn }));
    expect(got.dnsEntry).toEqual(svc.dnsEntry);
    expect(got.authType).toBe('NONE');
    const list = await a.send(new ListServicesCommand({}));
    expect(list.items?.[0]?.dnsEntry?.domainName).toBe(svc.dnsEntry?.domainName);
  });

  it('validates name, custom domain and certificate, and updates auth type', async () => {
    const a = h.client(ACCOUNT_A);
    await expect(a.send(new CreateServiceCommand({ name: 'svc-reserved' }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(a.send(new CreateServiceCommand({ name: 'x'.repeat(41) }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(
      a.send(new CreateServiceCommand({ name: 'bad-cert', certificateArn: 'nope' })),
    ).rejects.toBeInstanceOf(ValidationException);
    const svc = await a.send(
      new CreateServiceCommand({
        name: 'custom',
        customDomainName: 'checkout.example.com',
        certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT_A}:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab`,
      }),
    );
    expect(svc.customDomainName).toBe('checkout.example.com');
    const updated = await a.send(
      new UpdateServiceCommand({ serviceIdentifier: svc.id, authType: 'AWS_IAM' }),
    );
    expect(updated.authType).toBe('AWS_IAM');
    const deleted = await a.send(new DeleteServiceCommand({ serviceIdentifier: svc.id }));
    expect(deleted.status).toBe('DELETE_IN_PROGRESS');
    await expect(
      a.send(new GetServiceCommand({ serviceIdentifier: svc.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('rejects malformed identifiers with a ValidationException', async () => {
    const a = h.client(ACCOUNT_A);
    await expect(
      a.send(new GetServiceCommand({ serviceIdentifier: 'not-an-id' })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      a.send(new GetServiceCommand({ serviceIdentifier: 'svc-0123456789abcdef0' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
