import { describe, expect, it } from 'vitest';
import {
  checkClusterName,
  checkServiceNetworkName,
  checkTenantName,
  defaultServiceNetworkName,
  latticeServiceName,
  targetGroupName,
  tenantNamespace,
  tenantOfNamespace,
} from './names.ts';
import { checkLatticeName, LATTICE_NAME_BOUNDS } from './rules.ts';

describe('tenant names', () => {
  it('accepts short DNS labels and derives namespace and service network', () => {
    expect(checkTenantName('acme')).toEqual([]);
    expect(tenantNamespace('acme')).toBe('tenant-acme');
    expect(tenantOfNamespace('tenant-acme')).toBe('acme');
    expect(tenantOfNamespace('kube-system')).toBeUndefined();
    expect(checkServiceNetworkName(defaultServiceNetworkName('acme'))).toEqual([]);
  });

  it.each([
    ['Acme', /lowercase/],
    ['a', /at least 2/],
    ['-acme', /start and end/],
    ['ac--me', /two hyphens/],
    ['a'.repeat(41), /no more than 40/],
    ['acme.corp', /lowercase alphanumeric/],
  ])('rejects %s', (name, message) => {
    const problems = checkTenantName(name);
    expect(problems.map((p) => p.message).join('; ')).toMatch(message);
  });

  it('keeps every valid tenant name valid as a service network name', () => {
    expect(checkServiceNetworkName(defaultServiceNetworkName('a'.repeat(40)))).toEqual([]);
  });

  it('rejects bad cluster names', () => {
    expect(checkClusterName('blue')).toEqual([]);
    expect(checkClusterName('Blue_1')).not.toEqual([]);
  });
});

describe('lattice names', () => {
  it('derives valid, deterministic service names', () => {
    const name = latticeServiceName('shop', 'inventory');
    expect(name).toMatch(/^inventory-shop-[0-9a-f]{8}$/);
    expect(latticeServiceName('shop', 'inventory')).toBe(name);
    expect(checkLatticeName(name, LATTICE_NAME_BOUNDS.service)).toEqual([]);
  });

  it('keeps long or awkward names valid and distinct', () => {
    const a = latticeServiceName('a-very-long-namespace-name-for-payments', 'checkout-api-v2');
    const b = latticeServiceName('a-very-long-namespace-name-for-payments', 'checkout-api-v3');
    expect(a).not.toBe(b);
    for (const n of [a, b, latticeServiceName('svc-ns', 'x'), latticeServiceName('a--b', 'c')]) {
      expect(checkLatticeName(n, LATTICE_NAME_BOUNDS.service)).toEqual([]);
    }
  });

  it('does not collide when sanitising would merge inputs', () => {
    expect(latticeServiceName('a-b', 'c')).not.toBe(latticeServiceName('a', 'b-c'));
    expect(latticeServiceName('ab', 'c')).not.toBe(latticeServiceName('a', 'bc'));
  });

  it('derives target group names per cluster and port', () => {
    const blue = targetGroupName('blue', 'shop', 'inventory', 8080);
    const green = targetGroupName('green', 'shop', 'inventory', 8080);
    expect(blue).not.toBe(green);
    expect(checkLatticeName(blue, LATTICE_NAME_BOUNDS.targetGroup)).toEqual([]);
  });
});
