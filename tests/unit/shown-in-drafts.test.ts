import { describe, expect, it } from 'vitest';
import {
  CHANGE_KINDS,
  confirmRevision,
  draftShows,
  draftsShowing,
  type Action,
  type Conversation,
} from '../../functions/src/domain';
import {
  agreedConversation,
  allowed,
  anAction,
  byEmployee,
  byManager,
  draftConversation,
} from '../support/domain-fixtures';

/*
 * What both people confirm is one revision: a write outside a draft that changes what the draft shows
 * (the career plan, the status of an earlier action its review lists) moves the draft on.
 */

const earlierId = '8100000000000aaaaaa';
const healthy = [anAction('a1', 'employee'), anAction('a2', 'employee'), anAction('a3', 'manager')];

/** A draft of `type` whose review lists earlier actions `actionIds`, confirmed by the manager. */
function reviewing(type: 'job' | 'career', actionIds: string[], id = '8000000000000abcdef'): Conversation {
  const draft = draftConversation({ id, type });
  const withReview: Conversation = {
    ...draft,
    agenda: [
      ...draft.agenda,
      ...actionIds.map((actionId, index) => ({
        id: `carried.${index + 1}`,
        sectionId: 'review',
        text: `Earlier ${actionId}`,
        source: 'carried' as const,
        optional: false,
        carriedAction: { conversationId: earlierId, actionId },
        discussed: false,
      })),
    ],
  };
  const own = healthy.map((action) => ({ ...action, conversationId: id }));
  return allowed(confirmRevision(withReview, own, 0, byManager)).conversation;
}

function earlier(id: string, overrides: Partial<Action> = {}): Action {
  return anAction(id, 'employee', { conversationId: earlierId, agreed: true, conversationType: 'job', ...overrides });
}

describe('a write that open drafts show', () => {
  it('the career plan: every open draft shows it, and each moves on with its confirmations withdrawn', () => {
    const job = reviewing('job', []);
    const career = reviewing('career', [], '8000000000001abcdef');
    const shown = draftsShowing({ kind: 'careerPlan' }, byEmployee, 'careerPlan.change');
    expect(shown.types).toEqual(['career', 'job']);
    const moved = shown.move([job, career]);
    expect(moved.map((draft) => [draft.id, draft.revision, draft.confirmations])).toEqual([
      [job.id, 1, []],
      [career.id, 1, []],
    ]);
    for (const draft of moved) {
      expect(draft.withdrawal).toEqual({ ...byEmployee, kind: 'careerPlan.change', roles: ['manager'] });
      expect(draft.lastChange).toEqual({ ...byEmployee, kind: 'careerPlan.change' });
    }
  });

  it('an earlier action: only the drafts whose review lists it, of the action’s own type', () => {
    const listing = reviewing('job', ['a1', 'a2']);
    const notListing = reviewing('job', ['a2']);
    const shown = draftsShowing({ kind: 'earlierActions', actions: [earlier('a1')] }, byEmployee, 'carried.status');
    expect(shown.types).toEqual(['job']);
    const moved = shown.move([listing, notListing]);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: listing.id, revision: 1, confirmations: [] });
    expect(moved[0]!.withdrawal).toMatchObject({ roles: ['manager'], kind: 'carried.status', by: 'ava' });
    expect(CHANGE_KINDS['carried.status']).toBe('changed the status of an action from last time');
    // The same id in another conversation is another action.
    expect(draftShows(listing, { kind: 'earlierActions', actions: [{ id: 'a1', conversationId: 'x' }] })).toBe(false);
  });

  it('an action stored before its type was recorded may be listed by a draft of either type', () => {
    const { conversationType: _none, ...legacy } = earlier('a1');
    expect(draftsShowing({ kind: 'earlierActions', actions: [legacy] }, byManager, 'carried.status').types).toEqual([
      'career',
      'job',
    ]);
    expect(draftsShowing({ kind: 'earlierActions', actions: [] }, byManager, 'carried.status').types).toEqual([]);
  });

  it('leaves a half-confirmed draft nothing to agree on top of, and an agreed conversation as it was', () => {
    const draft = reviewing('job', ['a1']);
    const [moved] = draftsShowing(
      { kind: 'earlierActions', actions: [earlier('a1')] },
      byEmployee,
      'carried.status',
    ).move([draft]);
    // The employee confirming the revision the manager confirmed is refused; the current one waits for the manager.
    expect(confirmRevision(moved!, healthy, 0, byEmployee)).toMatchObject({
      ok: false,
      violation: { code: 'staleRevision' },
    });
    expect(allowed(confirmRevision(moved!, healthy, 1, byEmployee)).kind).toBe('confirmed');
    expect(draftShows(agreedConversation(), { kind: 'careerPlan' })).toBe(false);
    expect(draftsShowing({ kind: 'careerPlan' }, byEmployee, 'careerPlan.change').move([agreedConversation()])).toEqual(
      [],
    );
  });
});
