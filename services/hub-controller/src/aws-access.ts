import {
  createAwsClients,
  type AwsClients,
  type CredentialBroker,
  type RoleHop,
} from '@trellis/aws';
import type { Registry } from 'prom-client';

/** SDK clients per (role chain, region), built once and reused; credentials come from the broker. */
export class AwsAccess {
  private readonly broker: CredentialBroker;
  private readonly endpoint: string | undefined;
  private readonly registry: Registry | undefined;
  private readonly clients = new Map<string, AwsClients>();

  constructor(broker: CredentialBroker, options: { endpoint?: string; registry?: Registry }) {
    this.broker = broker;
    this.endpoint = options.endpoint;
    this.registry = options.registry;
  }

  clientsFor(chain: readonly RoleHop[], region: string): AwsClients {
    const key = JSON.stringify([region, chain]);
    let clients = this.clients.get(key);
    if (clients === undefined) {
      clients = createAwsClients({
        region,
        credentials: this.broker.provider(chain),
        ...(this.endpoint ? { endpoint: this.endpoint } : {}),
        ...(this.registry ? { registry: this.registry } : {}),
      });
      this.clients.set(key, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const clients of this.clients.values()) clients.destroy();
    this.clients.clear();
  }
}
