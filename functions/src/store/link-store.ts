import type { ConversationType } from '../domain';
import { isNotFound } from './errors';
import { chatLinkPartition, meetingLinkPartition } from './keys';
import type { Tables } from './tables';

/** Where a meeting (or the chat a recurring series shares) leads: the pair and their conversation. */
export interface MeetingLink {
  employeeId: string;
  managerId: string;
  conversationId: string;
  conversationType: ConversationType;
  linkedAt: string;
}

const LINK_ROW = 'link';

/** Meeting and chat links, each in a partition of its own so resolving one is a point read. */
export class LinkStore {
  constructor(private readonly tables: Tables) {}

  private async read(partitionKey: string): Promise<MeetingLink | null> {
    try {
      const row = await this.tables.links.getEntity<MeetingLink>(partitionKey, LINK_ROW);
      return {
        employeeId: row.employeeId,
        managerId: row.managerId,
        conversationId: row.conversationId,
        conversationType: row.conversationType,
        linkedAt: row.linkedAt,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** The meeting's own link: one point read. */
  readMeeting(tenantId: string, meetingId: string): Promise<MeetingLink | null> {
    return this.read(meetingLinkPartition(tenantId, meetingId));
  }

  /** The link of the chat a recurring series shares: one point read. */
  readChat(tenantId: string, chatId: string): Promise<MeetingLink | null> {
    return this.read(chatLinkPartition(tenantId, chatId));
  }

  /** The meeting's own link and its chat's link, read in parallel (before linking, both matter). */
  async resolve(tenantId: string, meetingId: string, chatId: string | undefined) {
    const [meeting, chat] = await Promise.all([
      this.readMeeting(tenantId, meetingId),
      chatId ? this.readChat(tenantId, chatId) : Promise.resolve(null),
    ]);
    return { meeting, chat };
  }

  /** Removes links that still lead to this employee's plan; a link someone re-pointed elsewhere stays. */
  async removeLinksTo(employeeId: string, partitions: readonly string[]): Promise<void> {
    await Promise.all(
      partitions.map(async (partitionKey) => {
        const link = await this.read(partitionKey);
        if (link?.employeeId === employeeId) await this.tables.links.deleteEntity(partitionKey, LINK_ROW);
      }),
    );
  }

  /**
   * Points the meeting (and its chat) at a conversation. Returns the link partitions written, for
   * the plan to remember. Links are server-derived facts, so a newer link replaces an older one.
   */
  async link(tenantId: string, meetingId: string, chatId: string | undefined, link: MeetingLink): Promise<string[]> {
    const partitions = [meetingLinkPartition(tenantId, meetingId)];
    if (chatId) partitions.push(chatLinkPartition(tenantId, chatId));
    await Promise.all(
      partitions.map((partitionKey) =>
        this.tables.links.upsertEntity({ partitionKey, rowKey: LINK_ROW, ...link }, 'Replace'),
      ),
    );
    return partitions;
  }
}
