import { describe, expect, it } from 'vitest';
import { MAX_TEAMS_ID_BYTES, TeamsIdSchema } from '../../functions/src/contract';
import {
  HISTORY_RANGE,
  actionRow,
  chatLinkPartition,
  conversationRange,
  conversationRow,
  encodeExternalId,
  meetingLinkPartition,
  linkRowInPlan,
  newConversationId,
  noteRow,
  planPartition,
} from '../../functions/src/store';

const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const user = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
// Table Storage forbids these in keys, with control characters.
const FORBIDDEN = /[/\\#?\p{Cc}]/u;
/** Table Storage keys are up to 1 KiB of UTF-16: 512 characters (Azurite refuses the 513th). */
const KEY_CHARACTERS = 512;

describe('storage keys', () => {
  it('encodes Teams meeting ids, which hold / + and =, into safe keys', () => {
    const meetingId = 'MCMxOTptZWV0aW5nX05qZzVNV0U/xyz+abc==#frag\\end';
    const key = meetingLinkPartition(tenant, meetingId);
    expect(key).not.toMatch(FORBIDDEN);
    expect(chatLinkPartition(tenant, '19:meeting_abc@thread.v2')).not.toMatch(FORBIDDEN);
    expect(encodeExternalId(meetingId)).toBe(encodeExternalId(meetingId));
    expect(encodeExternalId(meetingId)).not.toBe(encodeExternalId(`${meetingId}x`));
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

  it('encodes ids in any script, long in bytes but short in characters, into safe keys of one length', () => {
    for (const id of ['é'.repeat(150), '会議'.repeat(50), '🗓️'.repeat(40), 'a\u2028b\u202Ec']) {
      const key = meetingLinkPartition(tenant, id);
      expect(key).not.toMatch(FORBIDDEN);
      expect(key).toMatch(/^[0-9a-f-]{36}_m_[A-Za-z0-9_-]{43}$/);
    }
    // Two ids that normalise alike are still two different meetings: ids are opaque, never normalised.
    expect(encodeExternalId('e\u0301')).not.toBe(encodeExternalId('é'));
  });

  it('refuses, before any key is built, a Teams id over the cap in UTF-8 bytes even when it is short in characters', () => {
    const longInBytes = 'é'.repeat(350);
    expect(longInBytes).toHaveLength(350);
    expect(Buffer.byteLength(longInBytes, 'utf8')).toBe(700);
    expect(TeamsIdSchema.safeParse(longInBytes).success).toBe(false);
    expect(TeamsIdSchema.safeParse('m'.repeat(MAX_TEAMS_ID_BYTES + 1)).success).toBe(false);
    expect(TeamsIdSchema.safeParse('m'.repeat(MAX_TEAMS_ID_BYTES)).success).toBe(true);
  });

  it('keeps the keys of Teams ids of a typical length well inside Table Storage’s key size', () => {
    // Real meeting ids are about 100 characters, chat ids about 60; 300 bytes leaves ample room.
    for (const id of ['m'.repeat(300), 'é'.repeat(150)]) {
      const partition = meetingLinkPartition(tenant, id);
      expect(partition.length).toBeLessThanOrEqual(KEY_CHARACTERS);
      expect(linkRowInPlan(partition).length).toBeLessThanOrEqual(KEY_CHARACTERS);
    }
  });

  // Outside ids are hashed to a fixed length, so even the longest id the contract accepts makes a short key.
  it('keeps the keys of the longest Teams id the contract accepts inside Table Storage’s key size', () => {
    const longest = 'm'.repeat(MAX_TEAMS_ID_BYTES);
    expect(TeamsIdSchema.safeParse(longest).success).toBe(true);
    const partition = chatLinkPartition(tenant, longest);
    expect(partition.length).toBeLessThanOrEqual(KEY_CHARACTERS);
    expect(linkRowInPlan(partition).length).toBeLessThanOrEqual(KEY_CHARACTERS);
  });
});
