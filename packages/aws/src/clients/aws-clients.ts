import { EKSClient } from '@aws-sdk/client-eks';
import { RAMClient } from '@aws-sdk/client-ram';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Registry } from 'prom-client';
import { LatticeInventory } from '../lattice/services/inventory.ts';
import { instrumentClient } from './aws-call-metrics.ts';

export interface AwsClientOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** one endpoint for every service (the emulator); AWS's regional endpoints when unset */
  endpoint?: string;
  registry?: Registry;
  /** SDK attempts per call including the first (adaptive retry mode honours throttling) */
  maxAttempts?: number;
}

/** The SDK clients Trellis uses in one account and region, with retries and call metrics. */
export interface AwsClients {
  lattice: VPCLatticeClient;
  /** the account's Lattice services and target groups, listed once for every reconcile */
  latticeInventory: LatticeInventory;
  ram: RAMClient;
  eks: EKSClient;
  destroy(): void;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = {
    region: options.region,
    credentials: options.credentials,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  const lattice = new VPCLatticeClient(common);
  const ram = new RAMClient(common);
  const eks = new EKSClient(common);
  instrumentClient(lattice, 'vpc-lattice', options.registry);
  instrumentClient(ram, 'ram', options.registry);
  instrumentClient(eks, 'eks', options.registry);
  return {
    lattice,
    latticeInventory: new LatticeInventory(lattice),
    ram,
    eks,
    destroy: () => {
      lattice.destroy();
      ram.destroy();
      eks.destroy();
    },
  };
}
