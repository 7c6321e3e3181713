import { ConversationViewSchema, type ConversationView } from '../../functions/src/contract';
import type { ConversationType } from '../../functions/src/domain';
import { clientFor, expectBody, type Client } from './client';
import type { TestStack } from './stack';

export interface Draft {
  client: Client;
  employeeId: string;
  /** The conversation's API path, `plans/<employee>/conversations/<id>`. */
  base: string;
  view: ConversationView;
}

/** The employee starts a draft conversation of `type` in their own plan. */
export async function startDraft(stack: TestStack, employee: string, type: ConversationType): Promise<Draft> {
  const client = clientFor(stack, await stack.token(employee));
  const employeeId = stack.person(employee).id;
  const view = expectBody(
    await client.post(`plans/${employeeId}/conversations`, { type }),
    201,
    ConversationViewSchema,
  );
  return { client, employeeId, base: `plans/${employeeId}/conversations/${view.conversation.id}`, view };
}
