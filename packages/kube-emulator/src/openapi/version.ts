/** The Kubernetes version the published documents describe (info.version), matching what the emulator imitates. */
export const KUBERNETES_VERSION = 'v1.32.0';
