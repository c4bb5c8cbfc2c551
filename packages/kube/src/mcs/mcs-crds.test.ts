import { describe, expect, it } from 'vitest';
import { mcsCrds } from './mcs-crds.ts';

describe('mcsCrds', () => {
  it('loads the upstream ServiceExport and ServiceImport CRDs', () => {
    expect(mcsCrds().map((crd) => crd.metadata?.name)).toEqual([
      'serviceexports.multicluster.x-k8s.io',
      'serviceimports.multicluster.x-k8s.io',
    ]);
  });
});
