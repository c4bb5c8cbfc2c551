import { readFile } from 'node:fs/promises';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EksClusterStore, IdentityStore, readSeedFile, SeedValidationError, startAwsEmulator, validateSeed } from '../src/index.ts';
import type { Seed } from '../src/index.ts';
import { stsClient } from './support/sdk.ts';
import { applySeed } from '../src/seed/load-seed.ts';
import { seedJsonSchemaText } from '../src/seed/seed-json-schema.ts';
import { systemClock } from '../src/core/clock.ts';

const DEMO_SEED = fileURLToPath(new URL('../examples/demo-seed.yaml', import.meta.url));
const PUBLISHED_SCHEMA = fileURLToPath(new URL('../../../docs/aws-emulator.seed.schema.json', import.meta.url));

function applyIssues(seed: unknown): string[] {
  try {
    applySeed(validateSeed(seed), new IdentityStore({ implicit: false }), new EksClusterStore({ clock: systemClock }));
    return [];
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues;
    throw error;
  }
}

describe('seed files', () => {
  it('docs/aws-emulator.seed.schema.json is up to date (npm run seed-schema -w @trellis/aws-emulator)', async () => {
    expect(await readFile(PUBLISHED_SCHEMA, 'utf8')).toBe(seedJsonSchemaText());
  });

  it('loads the example YAML seed', async () => {
    const seed = await readSeedFile(DEMO_SEED);
    const emulator = await startAwsEmulator({ seed: DEMO_SEED });
    try {
      expect(seed.accounts).toHaveLength(3);
      expect(emulator.identity.findRole('arn:aws:iam::222222222222:role/trellis/TrellisNetwork')?.roleId).toMatch(/^AROA[A-Z2-7]{16}$/);
      expect(emulator.eks.clusters.get('333333333333', 'us-west-2', 'blue')?.kubeCluster).toBe('tenant-a-blue');
      expect(emulator.accounts.organizationOf('333333333333')).toBe('o-tenanta0001');
      expect(emulator.accounts.organizationSharingEnabled('o-tenanta0001')).toBe(true);
      expect(emulator.accounts.organizationalUnitsOf('333333333333')).toEqual(['ou-a1b2-clusters']);
      expect(emulator.accounts.vpcOwner('vpc-0a1b2c3d4e5f60718', '333333333333')).toBe('222222222222');
      // seeded: no implicit accounts or VPCs
      expect(emulator.accounts.accountExists('999999999999')).toBe(false);
      expect(emulator.accounts.vpcOwner('vpc-0123456789abcdef0', '333333333333')).toBeUndefined();
    } finally {
      await emulator.stop();
    }
  });

  it('reports schema violations with their location', () => {
    const error = (() => {
      try {
        validateSeed({ accounts: [{ id: '12345', rolez: [] }] }, 'bad.yaml');
      } catch (e) {
        return e as SeedValidationError;
      }
      throw new Error('expected a validation error');
    })();
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(error.issues).toContain("/accounts/0: unknown field(s) 'rolez'");
    expect(error.issues).toContain('/accounts/0/id: must match pattern "^\\d{12}$"');
    expect(error.message).toMatch(/^invalid seed bad\.yaml:/);
  });

  it('reports broken cross-references and policies', () => {
    const issues = applyIssues({
      accounts: [
        {
          id: '111111111111',
          roles: [{ name: 'R', trustPolicy: '{not json' }],
          eksClusters: [{ name: 'c', region: 'us-west-2', vpcId: 'vpc-0123456789abcdef0' }],
        },
        { id: '222222222222', rootAccessKeys: [{ accessKeyId: 'AKIADUPLICATE0000001', secretAccessKey: 'a' }, { accessKeyId: 'AKIADUPLICATE0000001', secretAccessKey: 'b' }] },
      ],
      organizations: [{ id: 'o-abcdefghij', accounts: ['333333333333'] }],
    });
    expect(issues).toEqual([
      '/accounts/0/roles/0: trust policy is not valid JSON',
      '/accounts/1/rootAccessKeys/1: duplicate access key id: AKIADUPLICATE0000001',
      "/accounts/0/eksClusters/0: VPC vpc-0123456789abcdef0 is not declared under this account's vpcs",
      '/organizations/0: unknown account 333333333333: declare it first',
    ]);
  });

  it('without a seed, 12-digit key ids are account roots with secret "test" and any vpc- id is the caller\'s', async () => {
    const emulator = await startAwsEmulator();
    try {
      expect(emulator.identity.findAccessKey('444444444444')).toMatchObject({ secretAccessKey: 'test', principal: { kind: 'root' } });
      expect(emulator.accounts.accountExists('444444444444')).toBe(true);
      expect(emulator.accounts.vpcOwner('vpc-0123456789abcdef0', '444444444444')).toBe('444444444444');
      expect(emulator.accounts.vpcOwner('vpc-12345678', '444444444444')).toBe('444444444444');
      expect(emulator.accounts.vpcOwner('vpc-xyz', '444444444444')).toBeUndefined();
    } finally {
      await emulator.stop();
    }
  });

  it('keeps a seed object valid after an SDK signed with its keys, and keeps its own copy of it', async () => {
    const key = { accessKeyId: 'AKIASEEDREUSE0000001', secretAccessKey: 'reuse-secret' };
    const trust = { Statement: [{ Effect: 'Allow' as const, Principal: { AWS: 'arn:aws:iam::111111111111:user/app' }, Action: 'sts:AssumeRole' }] };
    const seed: Seed = {
      accounts: [{ id: '111111111111', name: 'app', users: [{ name: 'app', accessKeys: [key] }], roles: [{ name: 'AppRole', trustPolicy: trust }] }],
    };
    const first = await startAwsEmulator({ seed });
    try {
      await stsClient(first.endpoint, key).send(new GetCallerIdentityCommand({}));
    } finally {
      await first.stop();
    }
    // the SDK annotated the seed's own key object: a schema with no '$source' field
    expect(key).toHaveProperty('$source');

    const second = await startAwsEmulator({ seed });
    try {
      const who = await stsClient(second.endpoint, key).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:iam::111111111111:user/app');
      // changing the seed afterwards changes nothing in the running emulator
      seed.accounts[0].name = 'renamed';
      trust.Statement[0].Principal.AWS = 'arn:aws:iam::111111111111:user/someone-else';
      expect(second.identity.listAccounts().map((a) => a.name)).toEqual(['app']);
      const assumed = await stsClient(second.endpoint, key).send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/AppRole', RoleSessionName: 'app' }),
      );
      expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111111111111:assumed-role/AppRole/app');
      // runtime fragments get the same treatment
      second.applySeed({ accounts: [{ id: '222222222222', rootAccessKeys: [{ ...key, accessKeyId: 'AKIASEEDREUSE0000002', $source: { CREDENTIALS_CODE: 'e' } }] }] });
      expect(second.identity.findAccessKey('AKIASEEDREUSE0000002')).not.toHaveProperty('$source');
    } finally {
      await second.stop();
    }
  });

  it('still refuses unknown fields elsewhere, and seeds that are not plain data', () => {
    expect(() => validateSeed({ accounts: [{ id: '111111111111', $source: {} }] })).toThrow(/unknown field\(s\) '\$source'/);
    expect(() => validateSeed({ accounts: [], hook: () => undefined })).toThrow(/not plain data/);
  });

  it('organisations: management account (default: the first account) and organisational units', async () => {
    const emulator = await startAwsEmulator({
      seed: {
        accounts: [{ id: '111111111111' }, { id: '222222222222' }, { id: '333333333333' }],
        organizations: [
          {
            id: 'o-orgunits001',
            accounts: ['111111111111', '222222222222', '333333333333'],
            managementAccount: '222222222222',
            organizationalUnits: [
              { id: 'ou-ab12-prod0001', accounts: ['333333333333'] },
              { id: 'ou-ab12-all00001', accounts: ['111111111111', '333333333333'] },
            ],
          },
        ],
      },
    });
    try {
      expect(emulator.accounts.managementAccountOf('o-orgunits001')).toBe('222222222222');
      expect(emulator.accounts.managementAccountOf('o-unknown0000')).toBeUndefined();
      expect(emulator.accounts.organizationalUnitsOf('333333333333')).toEqual(['ou-ab12-prod0001', 'ou-ab12-all00001']);
      expect(emulator.accounts.organizationalUnitsOf('222222222222')).toEqual([]);
      emulator.applySeed({ accounts: [{ id: '444444444444' }], organizations: [{ id: 'o-secondorg01', accounts: ['444444444444'] }] });
      expect(emulator.accounts.managementAccountOf('o-secondorg01')).toBe('444444444444');
    } finally {
      await emulator.stop();
    }
  });

  it('reports management accounts and OU members outside their organisation', () => {
    expect(
      applyIssues({
        accounts: [{ id: '111111111111' }, { id: '222222222222' }],
        organizations: [
          { id: 'o-badmgmt0001', accounts: ['111111111111'], managementAccount: '222222222222' },
          { id: 'o-badouunit01', accounts: ['111111111111'], organizationalUnits: [{ id: 'ou-ab12-cd34ef56', accounts: ['222222222222'] }] },
        ],
      }),
    ).toEqual([
      "/organizations/0: management account 222222222222 is not one of the organization's accounts",
      "/organizations/1: organizational unit ou-ab12-cd34ef56: 222222222222 not in the organization's accounts",
    ]);
    expect(() => validateSeed({ accounts: [], organizations: [{ id: 'o-abcdefghij', accounts: [], organizationalUnits: [{ id: 'ou-1', accounts: [] }] }] })).toThrow(
      /organizationalUnits\/0\/id: must match pattern/,
    );
  });
});
