/**
 * Who is in a Teams meeting's chat, asked of Microsoft Graph with the app's own identity:
 * GET /chats/{chat-id}/members (https://learn.microsoft.com/graph/api/chat-list-members), under the
 * resource-specific consent permission ChatMember.Read.Chat — granted for a chat when the app is
 * added to it, so the app reads only the chats it is part of. Best effort: any failure, and any
 * answer slower than the bound, is "not known" (null), never an error for the caller.
 */
import type { INetworkModule } from '@azure/msal-node';
import { TenantClients, type ClientCredential } from './tenant-clients';

/** The members (Entra object ids) of a meeting chat; null when not known. */
export interface MeetingMembers {
  membersOf(tenantId: string, chatId: string): Promise<string[] | null>;
}

export interface GraphMeetingMembersSettings {
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  graphBaseUrl: string;
  /** How long the whole lookup may take, token included, before it counts as not known. */
  timeoutMs: number;
  /** MSAL's HTTP client; only replaced to point MSAL at a stand-in in tests. */
  networkClient?: INetworkModule;
}

interface ConversationMember {
  '@odata.type'?: string;
  userId?: string | null;
  tenantId?: string | null;
}

interface MembersPage {
  value?: ConversationMember[];
  '@odata.nextLink'?: string;
}

const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';
/** Meeting chats are small; a chat that needs more pages than this is no 1:1. */
const MAX_PAGES = 3;
const USER_MEMBER = '#microsoft.graph.aadUserConversationMember';

export class GraphMeetingMembers implements MeetingMembers {
  private readonly clients: TenantClients;

  constructor(private readonly settings: GraphMeetingMembersSettings) {
    this.clients = new TenantClients(settings);
  }

  async membersOf(tenantId: string, chatId: string): Promise<string[] | null> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve(null);
      }, this.settings.timeoutMs);
    });
    try {
      return await Promise.race([this.lookUp(tenantId, chatId, abort.signal).catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(tenantId: string, chatId: string, signal: AbortSignal): Promise<string[] | null> {
    const client = await this.clients.for(tenantId);
    const token = (await client.acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE] }))?.accessToken;
    if (!token || signal.aborted) return null;
    const members: string[] = [];
    let url: string | undefined =
      `${this.settings.graphBaseUrl.replace(/\/$/, '')}/chats/${encodeURIComponent(chatId)}/members`;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
      // 403 (not consented for this chat, the app not in it), 404, throttling: not known.
      if (!response.ok) {
        await response.body?.cancel();
        return null;
      }
      const body = (await response.json()) as MembersPage;
      for (const member of body.value ?? []) {
        // Only people of this tenant can hold a plan here; guests and other tenants' users are left out.
        const sameTenant = !member.tenantId || member.tenantId.toLowerCase() === tenantId.toLowerCase();
        if (member['@odata.type'] === USER_MEMBER && member.userId && sameTenant) {
          members.push(member.userId.toLowerCase());
        }
      }
      url = body['@odata.nextLink'];
    }
    return url ? null : members;
  }
}
