import { startKubeEmulator, type KubeEmulator } from '@trellis/kube-emulator';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFromYaml } from '../src/index.ts';

export async function startEmulator(clusters = ['mgmt']): Promise<KubeEmulator> {
  return startKubeEmulator({ clusters, logLevel: 'silent' });
}

export function kubeConfigOf(emulator: KubeEmulator, cluster: string): KubeConfig {
  return kubeConfigFromYaml(emulator.kubeconfig, cluster);
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
