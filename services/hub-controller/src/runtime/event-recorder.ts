import { randomBytes } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreResources, type ResourceClient } from '@trellis/kube';
import type { Logger } from 'pino';

export type EventType = 'Normal' | 'Warning';

/**
 * Records core/v1 Events on Trellis objects (what `kubectl describe` shows). Best effort: a
 * failed event write is logged and never fails a reconcile.
 */
export class EventRecorder {
  private readonly client: ResourceClient;
  private readonly component: string;
  private readonly log: Logger;

  constructor(client: ResourceClient, component: string, log: Logger) {
    this.client = client;
    this.component = component;
    this.log = log;
  }

  record(object: KubernetesObject, type: EventType, reason: string, message: string): void {
    const name = object.metadata?.name ?? 'unknown';
    // Events of cluster-scoped objects live in `default`, as the API server's recorder does.
    const namespace = object.metadata?.namespace ?? 'default';
    const now = new Date().toISOString();
    this.log.info(
      { kind: object.kind, name, namespace: object.metadata?.namespace, reason },
      message,
    );
    this.client
      .create(CoreResources.events, {
        metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name,
          ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
          ...(object.metadata?.uid ? { uid: object.metadata.uid } : {}),
        },
        type,
        reason,
        message,
        source: { component: this.component },
        reportingComponent: this.component,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      } as KubernetesObject)
      .catch((error: unknown) => this.log.debug({ err: error }, 'could not record event'));
  }
}
