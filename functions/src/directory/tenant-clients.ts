import type { ConfidentialClientApplication, INetworkModule } from '@azure/msal-node';

export type ClientCredential =
  | { kind: 'secret'; secret: string }
  /** A federated credential: the Function App's managed-identity token stands in for a secret. */
  | { kind: 'assertion'; getAssertion: () => Promise<string> };

export interface TenantClientSettings {
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  /** MSAL's HTTP client; only replaced to point MSAL at a stand-in in tests. */
  networkClient?: INetworkModule | undefined;
}

/**
 * The app registration's MSAL clients, one per tenant, shared by concurrent first requests (each
 * keeps its own token cache). MSAL is loaded with the first token request, not when the app starts;
 * a client that failed to be made is not kept, so the next request tries again.
 */
export class TenantClients {
  private readonly clients = new Map<string, Promise<ConfidentialClientApplication>>();

  constructor(private readonly settings: TenantClientSettings) {}

  private async create(tenantId: string): Promise<ConfidentialClientApplication> {
    const { ConfidentialClientApplication } = await import('@azure/msal-node');
    const { credential, networkClient } = this.settings;
    return new ConfidentialClientApplication({
      auth: {
        clientId: this.settings.clientId,
        authority: `${this.settings.authorityHost.replace(/\/$/, '')}/${tenantId}`,
        ...(credential.kind === 'secret'
          ? { clientSecret: credential.secret }
          : { clientAssertion: () => credential.getAssertion() }),
      },
      ...(networkClient ? { system: { networkClient } } : {}),
    });
  }

  for(tenantId: string): Promise<ConfidentialClientApplication> {
    let client = this.clients.get(tenantId);
    if (!client) {
      client = this.create(tenantId).catch((error: unknown) => {
        this.clients.delete(tenantId);
        throw error;
      });
      this.clients.set(tenantId, client);
    }
    return client;
  }
}
