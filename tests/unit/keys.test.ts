import { describe, expect, it } from 'vitest';
import {
  HISTORY_RANGE,
  actionRow,
  chatLinkPartition,
  conversationRange,
  conversationRow,
  encodeExternalId,
  meetingLinkPartition,
  newConversationId,
  noteRow,
  planPartition,
} from '../../functions/src/store';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const user = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
// Table Storage forbids these in keys, with control characters.
const FORBIDDEN = /[/\\#?\p{Cc}]/u;

describe('storage keys', () => {
  it('encodes Teams meeting ids, which hold / + and =, into safe keys', () => {
    const meetingId = 'MCMxOTptZWV0aW5nX05qZzVNV0U/xyz+abc==#frag\\end';
    const key = meetingLinkPartition(tenant, meetingId);
    expect(key).not.toMatch(FORBIDDEN);
    expect(chatLinkPartition(tenant, '19:meeting_abc@thread.v2')).not.toMatch(FORBIDDEN);
    expect(Buffer.from(encodeExternalId(meetingId), 'base64url').toString('utf8')).toBe(meetingId);
    expect(meetingLinkPartition(tenant, 'a')).not.toBe(chatLinkPartition(tenant, 'a'));
  });

  it('refuses to build a key from anything but validated ids', () => {
    expect(() => planPartition(tenant, "x' or PartitionKey ne '")).toThrow();
    expect(() => planPartition('not-a-tenant', user)).toThrow();
    expect(() => conversationRow('../../etc')).toThrow();
    expect(() => noteRow('8000000000000abcdef', 'someone')).toThrow();
  });

  it('sorts conversations newest first, and keeps each conversation’s rows inside its range', () => {
    const older = newConversationId(new Date('2025-01-01T00:00:00Z'));
    const newer = newConversationId(new Date('2026-01-01T00:00:00Z'));
    expect(conversationRow(newer) < conversationRow(older)).toBe(true);
    const range = conversationRange(newer);
    for (const row of [conversationRow(newer), actionRow(newer, 'a1'), actionRow(newer, 'a25'), noteRow(newer, user)]) {
      expect(row >= range.from && row < range.to).toBe(true);
      expect(row >= HISTORY_RANGE.from && row < HISTORY_RANGE.to).toBe(true);
    }
    expect(conversationRow(older) >= range.to).toBe(true);
    const rowsAfterHistory: string[] = ['profile', 'summary'];
    expect(rowsAfterHistory.every((row) => row >= HISTORY_RANGE.to)).toBe(true);
  });
});
