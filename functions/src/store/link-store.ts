import { odata } from '@azure/data-tables';
import { CarriedActionRefModel, type CarriedActionRef, type ConversationType } from '../domain';
import { isNotFound } from './errors';
import { chatLinkPartition, meetingLinkPartition } from './keys';
import type { Tables } from './tables';

/** Where a meeting (or the chat a recurring series shares) leads for one pair: their conversation. */
export interface MeetingLink {
  employeeId: string;
  managerId: string;
  conversationId: string;
  conversationType: ConversationType;
  linkedAt: string;
  /**
   * The earlier actions the conversation reviews (fixed when it is made), so that opening the meeting
   * reads them with the conversation. Absent on links from before it was kept.
   */
  carried?: CarriedActionRef[] | undefined;
}

/** The stored list of carried actions, or undefined when absent or not what the store writes. */
function carriedFrom(stored: unknown): CarriedActionRef[] | undefined {
  if (typeof stored !== 'string') return undefined;
  try {
    const parsed = CarriedActionRefModel.array().safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Meeting and chat links. Each meeting (and chat) has a partition of its own, and each pair has
 * its own row in it, keyed by the employee: a link made by anyone else never replaces, blocks or
 * reveals the pair's own, because a caller only ever reads the rows of pairs they belong to.
 */
export class LinkStore {
  constructor(private readonly tables: Tables) {}

  /** The caller's own links in one meeting or chat partition (as employee or as manager), newest first: one query. */
  private async readFor(partitionKey: string, callerId: string): Promise<MeetingLink[]> {
    const rows = this.tables.links.listEntities<Omit<MeetingLink, 'carried'> & { carried?: string }>({
      queryOptions: {
        filter: odata`PartitionKey eq ${partitionKey} and (employeeId eq ${callerId} or managerId eq ${callerId})`,
      },
    });
    const links: MeetingLink[] = [];
    for await (const row of rows) {
      links.push({
        employeeId: row.employeeId,
        managerId: row.managerId,
        conversationId: row.conversationId,
        conversationType: row.conversationType,
        linkedAt: row.linkedAt,
        carried: carriedFrom(row.carried),
      });
    }
    return links.sort((a, b) => b.linkedAt.localeCompare(a.linkedAt));
  }

  /** The caller's pairs' links to this meeting. */
  readMeeting(tenantId: string, meetingId: string, callerId: string): Promise<MeetingLink[]> {
    return this.readFor(meetingLinkPartition(tenantId, meetingId), callerId);
  }

  /** The caller's pairs' links to the chat a recurring series shares. */
  readChat(tenantId: string, chatId: string, callerId: string): Promise<MeetingLink[]> {
    return this.readFor(chatLinkPartition(tenantId, chatId), callerId);
  }

  /** Removes the employee's own rows from these link partitions. */
  async removeLinksTo(employeeId: string, partitions: readonly string[]): Promise<void> {
    await Promise.all(
      partitions.map(async (partitionKey) => {
        try {
          await this.tables.links.deleteEntity(partitionKey, employeeId);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }),
    );
  }

  /**
   * Points the meeting (and its chat) at a conversation of one pair: that pair's row only.
   * Returns the link partitions written, for the plan to remember.
   */
  async link(tenantId: string, meetingId: string, chatId: string | undefined, link: MeetingLink): Promise<string[]> {
    const partitions = [meetingLinkPartition(tenantId, meetingId)];
    if (chatId) partitions.push(chatLinkPartition(tenantId, chatId));
    await Promise.all(
      partitions.map((partitionKey) =>
        // A pair's link is a server-derived fact about that pair alone: the newer one replaces it.
        this.tables.links.upsertEntity(
          { partitionKey, rowKey: link.employeeId, ...link, carried: JSON.stringify(link.carried ?? []) },
          'Replace',
        ),
      ),
    );
    return partitions;
  }
}
