import { describe, expect, it } from 'vitest';
import { LiveMessageSchema } from '../../functions/src/contract';
import { LIVE_CHANGE_KINDS } from '../../functions/src/domain/vocabulary';
import { DisabledLiveUpdates, failureKind, liveGroupName } from '../../functions/src/notify';

const key = 'k'.repeat(32);
const tenant = '1736b4c5-d7c7-462a-aa17-fdf2016559c3';
const otherTenant = '9c0e7d6a-3b2f-4e1d-8c5a-7f6e5d4c3b2a';
const employee = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
const otherEmployee = '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a12';
const conversation = '8221348640999abcdef';
const otherConversation = '8221348640998abcdeg';

describe('live update groups', () => {
  it('give each tenant, plan and conversation its own group', () => {
    const names = [
      liveGroupName(key, tenant, employee, conversation),
      liveGroupName(key, otherTenant, employee, conversation),
      liveGroupName(key, tenant, otherEmployee, conversation),
      liveGroupName(key, tenant, employee, otherConversation),
      // No two ids run together into the same text.
      liveGroupName(key, `${tenant}x`, employee.slice(1), conversation),
    ];
    expect(new Set(names).size).toBe(names.length);
    // The same conversation is always the same group: the publisher and the negotiation agree.
    expect(liveGroupName(key, tenant, employee, conversation)).toBe(names[0]);
  });

  it('depend on the key, and tell nothing of the ids they stand for', () => {
    const name = liveGroupName(key, tenant, employee, conversation);
    expect(liveGroupName('j'.repeat(32), tenant, employee, conversation)).not.toBe(name);
    // A keyed hash: 256 bits, base64url, with none of the ids (or any part of them) inside.
    expect(name).toMatch(/^c_[A-Za-z0-9_-]{43}$/);
    for (const id of [tenant, employee, conversation])
      for (const part of id.split('-')) expect(name).not.toContain(part.slice(0, 6));
    // Web PubSub's group names: at most 1024 characters, not only whitespace.
    expect(name.length).toBeLessThanOrEqual(1024);
  });

  it('are unguessable when live updates are off too, and the disabled mode hands out no URL and sends nothing', async () => {
    const off = new DisabledLiveUpdates();
    expect(off.enabled).toBe(false);
    expect(off.groupOf(tenant, employee, conversation)).toMatch(/^c_[A-Za-z0-9_-]{43}$/);
    expect(off.groupOf(tenant, employee, conversation)).not.toBe(
      new DisabledLiveUpdates().groupOf(tenant, employee, conversation),
    );
    expect(await off.clientAccess()).toEqual({ url: null, expiresAt: null });
    expect(await off.publish()).toEqual({ status: 'off' });
  });

  it('carry notices that name a change and hold no content', () => {
    expect(LIVE_CHANGE_KINDS).toEqual([
      'agenda.add',
      'agenda.tick',
      'agenda.note',
      'agenda.edit',
      'agenda.remove',
      'review.propose',
      'action.add',
      'action.change',
      'action.remove',
      'conversation.confirm',
      'conversation.withdraw',
      'conversation.agree',
      'careerPlan.write',
      'plan.next',
    ]);
    const notice = {
      conversationId: conversation,
      revision: 3,
      etag: 'W/"datetime\'2026-12-01T10%3A00%3A00.000Z\'"',
      kind: 'agenda.note',
      itemId: 'goals.learn',
      by: employee,
    };
    expect(LiveMessageSchema.parse(notice)).toEqual(notice);
    // Nothing else fits in a notice: no text, no title.
    expect(LiveMessageSchema.safeParse({ ...notice, text: 'What I said' }).success).toBe(false);
    expect(LiveMessageSchema.safeParse({ ...notice, kind: 'note.write' }).success).toBe(false);
  });

  it('log a failed publish by its kind alone, never by what the error says', () => {
    expect(failureKind(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('timeout');
    expect(failureKind(Object.assign(new Error('Ava wrote "I am leaving"'), { statusCode: 500 }))).toBe('status=500');
    expect(failureKind(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'network code=ECONNREFUSED',
    );
    expect(failureKind(Object.assign(new Error('x'), { code: 'a note about "me"' }))).toBe('error=Error');
    expect(failureKind('a string thrown')).toBe('error=unknown');
  });
});
