// Types only from the model: the tab recomputes the balance after its own edits without bringing zod along.
import type { Action, Conversation, OwnershipBalance } from './model';

type CountedAction = Pick<Action, 'owner' | 'status' | 'conversationId'>;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The ownership rule of one conversation: among the actions captured in it (dropped ones aside;
 * actions carried in from earlier talks count where they were agreed), the employee must own
 * strictly more than the manager. A plan the manager owns is not the employee's plan.
 */
export function ownershipBalance(conversationId: string, actions: readonly CountedAction[]): OwnershipBalance {
  let employee = 0;
  let manager = 0;
  for (const action of actions) {
    if (action.conversationId !== conversationId || action.status === 'dropped') continue;
    if (action.owner === 'employee') employee += 1;
    else manager += 1;
  }
  if (employee > manager) return { employee, manager, satisfied: true };
  if (employee === 0 && manager === 0) {
    return {
      employee,
      manager,
      satisfied: false,
      reason: 'No actions yet. Agree at least one action that the employee owns: this is their plan.',
    };
  }
  const needed = manager - employee + 1;
  return {
    employee,
    manager,
    satisfied: false,
    reason:
      `The manager owns ${plural(manager, 'action')} and the employee ${employee}. ` +
      'The employee should own more actions than the manager: it is their plan, and the manager’s actions support it. ' +
      `Give the employee ${needed === 1 ? 'one more action' : `${needed} more actions`}, or hand one of the manager’s actions over.`,
  };
}

/** The balance people see: an agreed conversation's is frozen with its agreed actions; a draft's is live. */
export function conversationBalance(
  conversation: Pick<Conversation, 'id' | 'snapshot'>,
  actions: readonly CountedAction[],
): OwnershipBalance {
  const frozen = conversation.snapshot?.ownership;
  if (frozen) return { ...frozen, satisfied: frozen.employee > frozen.manager };
  return ownershipBalance(conversation.id, actions);
}
