import { templateAgenda, type Action, type Change, type Conversation, type Decision } from '../../functions/src/domain';

/** Plain domain objects for unit tests of the rules. */

export const CONVERSATION_ID = '8000000000000abcdef';

export const byEmployee: Change = { by: 'ava', role: 'employee', at: '2026-03-01T10:00:00.000Z' };
export const byManager: Change = { by: 'morgan', role: 'manager', at: '2026-03-01T10:05:00.000Z' };

export function draftConversation(overrides: Partial<Conversation> = {}): Conversation {
  const type = overrides.type ?? 'job';
  return {
    id: CONVERSATION_ID,
    employeeId: 'ava',
    managerId: 'morgan',
    type,
    status: 'draft',
    agenda: templateAgenda(type),
    createdBy: 'morgan',
    createdAt: '2026-01-01T00:00:00.000Z',
    revision: 0,
    confirmations: [],
    ...overrides,
  };
}

export function agreedConversation(overrides: Partial<Conversation> = {}): Conversation {
  return draftConversation({ status: 'agreed', agreedAt: '2026-02-01T10:00:00.000Z', ...overrides });
}

export function anAction(id: string, owner: Action['owner'], overrides: Partial<Action> = {}): Action {
  return {
    id,
    conversationId: CONVERSATION_ID,
    title: `Action ${id}`,
    owner,
    learningKind: 'onTheJob',
    status: 'open',
    agreed: false,
    createdBy: 'ava',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The value a rule allowed; fails the test with the rule's code when it refused. */
export function allowed<T>(decision: Decision<T>): T {
  if (!decision.ok) throw new Error(`Expected the rule to allow it, got ${decision.violation.code}`);
  return decision.value;
}

/** The code of the rule that refused; fails the test when it allowed. */
export function refusal<T>(decision: Decision<T>): string {
  if (decision.ok) throw new Error('Expected the rule to refuse it');
  return decision.violation.code;
}
