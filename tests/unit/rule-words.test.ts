import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  NextConversationModel,
  checkActionShape,
  checkCanAddAction,
  checkCanAddTalkingPoint,
  checkStatusChange,
  conversationBalance,
  countersAfterAgree,
  countersAfterStart,
  daysSince,
  emptyCounters,
  jobDevelopmentCountsFrom,
  learningMix,
  ownershipBalance,
  preparePoint,
  setNextConversation,
  suggestedPlanOf,
  takePrepared,
  withdrawPreparedPoint,
  type Action,
  type Decision,
  type AgendaItem,
  type PreparedPoint,
} from '../../functions/src/domain';
import { CONVERSATION_ID, anAction, byEmployee, byManager, draftConversation } from '../support/domain-fixtures';

/*
 * A refusal reaches people as the problem's title and detail, so each says what happened and what to
 * do, with the numbers that matter. These check the words, and the edges of the rules behind them.
 */

function violationOf(decision: Decision<unknown>) {
  return decision.ok ? null : decision.violation;
}

describe('the caps', () => {
  it('say the agenda is full at 25 talking points, and how to go on', () => {
    const points: AgendaItem[] = Array.from({ length: LIMITS.talkingPoints }, (_, index) => ({
      id: `point.${index + 1}`,
      sectionId: 'talkingPoints',
      text: `Point ${index + 1}`,
      source: 'talkingPoint',
      optional: false,
      discussed: false,
    }));
    const conversation = draftConversation();
    expect(
      checkCanAddTalkingPoint({ ...conversation, agenda: [...conversation.agenda, ...points.slice(1)] }),
    ).toBeNull();
    expect(checkCanAddTalkingPoint({ ...conversation, agenda: [...conversation.agenda, ...points] })).toEqual({
      code: 'limitReached',
      title: 'The agenda is full',
      detail:
        'A conversation holds at most 25 talking points. Tick or combine some, or keep the rest for the next talk.',
    });
  });

  it('say a conversation holds at most 25 actions', () => {
    expect(checkCanAddAction(draftConversation(), LIMITS.actions - 1)).toBeNull();
    expect(checkCanAddAction(draftConversation(), LIMITS.actions)).toEqual({
      code: 'limitReached',
      title: 'Too many actions',
      detail: 'A conversation holds at most 25 actions. A plan people can keep is a short one.',
    });
  });

  it('say up to 10 points can wait for the next conversation', () => {
    const point = (index: number): PreparedPoint => ({
      id: `p0000000${index}`,
      text: `Point ${index}`,
      by: 'ava',
      role: 'employee',
      at: byEmployee.at,
      type: null,
    });
    const nine = Array.from({ length: LIMITS.preparedPoints - 1 }, (_, index) => point(index));
    expect(preparePoint(nine, { id: 'p00000099', text: 'x', type: null }, byEmployee).ok).toBe(true);
    expect(
      violationOf(preparePoint([...nine, point(9)], { id: 'p00000099', text: 'x', type: null }, byEmployee)),
    ).toEqual({
      code: 'limitReached',
      title: 'Enough prepared',
      detail: 'Up to 10 points can wait for the next conversation. Bring these up first.',
    });
  });

  it('bring at most 25 prepared points into a new conversation, the rest waiting', () => {
    const many = Array.from({ length: LIMITS.talkingPoints + 2 }, (_, index) => ({
      id: `p${String(index).padStart(8, '0')}`,
      text: `Point ${index}`,
      by: 'ava',
      role: 'employee' as const,
      at: byEmployee.at,
      type: null,
    }));
    const { taken, remaining } = takePrepared(many, 'job');
    expect(taken).toEqual(many.slice(0, LIMITS.talkingPoints));
    expect(remaining).toEqual(many.slice(LIMITS.talkingPoints));
  });
});

describe('prepared points', () => {
  const mine: PreparedPoint = { id: 'p00000001', text: 'Budget', by: 'ava', role: 'employee', at: 'x', type: null };

  it('are taken away by their author alone, in words', () => {
    expect(violationOf(withdrawPreparedPoint([mine], 'p00000001', byManager))).toEqual({
      code: 'notOwner',
      title: 'Only its author can take it away',
      detail: 'This point was prepared by the other person. Raise it in the conversation instead.',
    });
    expect(violationOf(withdrawPreparedPoint([mine], 'p00000002', byEmployee))).toEqual({
      code: 'itemNotFound',
      title: 'Not found',
      detail: 'There is no such prepared point.',
    });
  });
});

describe('actions', () => {
  it('ask for a kind of learning in job development, in words', () => {
    expect(checkActionShape('job', {})).toEqual({
      code: 'invalidAction',
      title: 'Choose a kind of learning',
      detail:
        'Each job-development action says how the learning happens: formal learning, learning from others, or learning on the job.',
    });
  });

  it('say a status that would not change is already so', () => {
    expect(checkStatusChange({ status: 'dropped' }, 'dropped')).toEqual({
      code: 'statusUnchanged',
      title: 'Nothing to change',
      detail: 'The action is already dropped.',
    });
  });
});

describe('a second draft of a type', () => {
  it('is refused in words that name the type in lower case and point to the draft in progress', () => {
    const started = countersAfterStart(emptyCounters(), draftConversation({ id: 'c1', type: 'career' }));
    if (!started.ok) throw new Error('The first draft is allowed.');
    expect(violationOf(countersAfterStart(started.value, draftConversation({ id: 'c2', type: 'career' })))).toEqual({
      code: 'draftExists',
      title: 'A draft is already open',
      detail:
        'There is already a career development conversation in progress. Continue it, or agree it before starting another.',
      existingConversationId: 'c1',
    });
  });
});

describe('the open counts at agreement', () => {
  const EARLIER = '8100000000000aaaaaa';

  it('follow each reviewed action by its own id and conversation, and skip one they never counted', () => {
    const sameIdEarlier = anAction('a1', 'employee', { agreed: true, conversationId: '8200000000000cccccc' });
    const reviewed = anAction('a1', 'manager', { agreed: true, conversationId: EARLIER });
    const unknown = anAction('a5', 'employee', { agreed: true, conversationId: EARLIER, status: 'done' });
    const counters = { ...emptyCounters(), openActions: { employee: 1, manager: 1 } };
    const after = countersAfterAgree(
      counters,
      {
        conversation: draftConversation({ status: 'agreed', agreedAt: byManager.at }),
        agreedActions: [],
        removedActions: [],
        reviewedActions: [{ ...reviewed, status: 'done' }, unknown],
      },
      [{ ...sameIdEarlier, status: 'done' }, reviewed],
    );
    expect(after.openActions).toEqual({ employee: 1, manager: 0 });
  });
});

describe('the next conversation’s day', () => {
  const NOW = new Date('2026-07-10T09:00:00.000Z');

  it('is kept with who set it, in which role and when, every field as the model stores it', () => {
    const decision = setNextConversation({ date: '2026-07-20', type: 'job' }, byManager, NOW);
    const next = decision.ok ? decision.value : null;
    expect(next).toEqual({ date: '2026-07-20', type: 'job', by: 'morgan', role: 'manager', at: byManager.at });
    expect(NextConversationModel.parse(next)).toEqual(next);
  });

  it('is refused in words that say whether the day has passed or is too far ahead', () => {
    const detail = 'Choose a day from 2026-07-10 to 2027-07-11: the next conversation is today or within a year.';
    expect(violationOf(setNextConversation({ date: '2026-07-09', type: null }, byEmployee, NOW))).toEqual({
      code: 'nextConversationDate',
      title: 'That day has passed',
      detail,
      field: 'date',
    });
    expect(violationOf(setNextConversation({ date: '2027-07-12', type: null }, byEmployee, NOW))).toMatchObject({
      title: 'That is too far ahead',
      detail,
    });
  });
});

describe('the ownership balance', () => {
  const here = CONVERSATION_ID;
  const counted = (owner: Action['owner']) => ({ owner, status: 'open' as const, conversationId: here });

  it('counts in words, one action or several, and says what the employee needs', () => {
    expect(ownershipBalance(here, [counted('manager'), counted('manager')]).reason).toBe(
      'The manager owns 2 actions and the employee 0. ' +
        'The employee should own more actions than the manager: it is their plan, and the manager’s actions support it. ' +
        'Give the employee 3 more actions, or hand one of the manager’s actions over.',
    );
    expect(ownershipBalance(here, [counted('manager'), counted('employee')]).reason).toMatch(
      /^The manager owns 1 action and the employee 1\. .* Give the employee one more action, or/,
    );
    expect(ownershipBalance(here, []).reason).toBe(
      'No actions yet. Agree at least one action that the employee owns: this is their plan.',
    );
  });

  it('is the live one for a draft, and the frozen one for a record, judged afresh', () => {
    const draft = draftConversation();
    expect(conversationBalance(draft, [counted('employee')])).toEqual({ employee: 1, manager: 0, satisfied: true });
    const snapshot = (employee: number, manager: number) => ({
      conversationId: here,
      agreedAt: byManager.at,
      careerPlan: { aspiration: null, focusAreas: [], careerScenario: null },
      actions: [],
      ownership: { employee, manager },
      review: [],
      changes: {
        previousConversationId: null,
        careerPlan: [],
        actionsAdded: [],
        done: [],
        dropped: [],
        carried: [],
      },
    });
    const tied = { ...draft, snapshot: snapshot(1, 1) };
    expect(conversationBalance(tied, [counted('employee'), counted('employee')])).toEqual({
      employee: 1,
      manager: 1,
      satisfied: false,
    });
    expect(conversationBalance({ ...draft, snapshot: snapshot(2, 1) }, [])).toMatchObject({ satisfied: true });
  });
});

describe('the edges of the cadence and the learning mix', () => {
  it('count no days from a time that does not parse, and count from the valid time alone', () => {
    expect(daysSince('not a time', new Date())).toBeNull();
    expect(daysSince(undefined, new Date())).toBeNull();
    expect(jobDevelopmentCountsFrom('not a time', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(jobDevelopmentCountsFrom('not a time', null)).toBeNull();
  });

  it('advise people and real work when every action is formal learning', () => {
    expect(learningMix([{ learningKind: 'formal', status: 'open' }]).advice).toBe(
      'Every action here is formal learning. Courses help, but most growth comes from other people and from real work: ' +
        'add a mentor, some feedback or a stretch assignment.',
    );
  });

  it('suggest a report’s plan to a caller who has no manager', () => {
    expect(suggestedPlanOf({ id: 'sam', managerId: null, reportIds: ['morgan'] }, ['sam', 'morgan', 'guest'])).toBe(
      'morgan',
    );
  });
});
