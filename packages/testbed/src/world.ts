import {
  startAwsEmulator,
  type AwsEmulator,
  type AwsEmulatorOptions,
  type Seed,
} from '@trellis/aws-emulator';
import { startKubeEmulator, type KubeEmulator } from '@trellis/kube-emulator';

export interface World {
  kube: KubeEmulator;
  aws: AwsEmulator;
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** kube-emulator clusters: the management cluster and the EKS clusters' backing clusters */
  clusters: string[];
  seed: Seed;
  kubePort?: number;
  awsPort?: number;
  kubeconfigPath?: string;
  /** also start the Lattice data plane (`world.aws.proxy`) */
  dataPlane?: AwsEmulatorOptions['dataPlane'];
  /** Lattice options of the AWS emulator (quotas, initial target health, delays) */
  lattice?: AwsEmulatorOptions['lattice'];
}

/**
 * Both emulators, wired as AWS and EKS are: EKS clusters answer at kube-emulator URLs, the
 * kube-emulator verifies `k8s-aws-v1.` tokens with the AWS emulator's STS, and EKS access
 * entries decide who each caller is in each cluster.
 */
export async function startWorld(options: WorldOptions): Promise<World> {
  const kube = await startKubeEmulator({
    clusters: options.clusters,
    logLevel: 'silent',
    ...(options.kubePort !== undefined ? { port: options.kubePort } : {}),
    ...(options.kubeconfigPath !== undefined ? { kubeconfigPath: options.kubeconfigPath } : {}),
  });
  const aws = await startAwsEmulator({
    seed: options.seed,
    kube: { baseUrl: kube.baseUrl, ...(kube.caPem !== undefined ? { caPem: kube.caPem } : {}) },
    ...(options.awsPort !== undefined ? { port: options.awsPort } : {}),
    ...(options.dataPlane !== undefined ? { dataPlane: options.dataPlane } : {}),
    ...(options.lattice !== undefined ? { lattice: options.lattice } : {}),
  });
  kube.setEksVerifier(aws.eksTokenVerifier);
  for (const cluster of options.clusters)
    kube.setAccessEntries(cluster, aws.eks.accessEntries(cluster));
  const unsubscribe = aws.eks.onAccessEntriesChanged((cluster, entries) =>
    kube.setAccessEntries(cluster, entries),
  );
  return {
    kube,
    aws,
    stop: async () => {
      unsubscribe();
      await aws.stop();
      await kube.stop();
    },
  };
}
