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

/**
 * Both people agree the conversation at `base` as it stands: the employee confirms the current
 * revision, then the manager. Answers the agreed view.
 */
export async function agreeByBoth(stack: TestStack, base: string, employee: string): Promise<ConversationView> {
  const people = stack.chart.tenants.flatMap((tenant) => tenant.people);
  const managerId = people.find((person) => person.shortName === employee)?.managerId;
  const manager = people.find((person) => person.id === managerId);
  if (!manager) throw new Error(`${employee} has no manager in the test organisation.`);
  const employeeClient = clientFor(stack, await stack.token(employee));
  const managerClient = clientFor(stack, await stack.token(manager.shortName));
  const current = expectBody(await employeeClient.get(base), 200, ConversationViewSchema);
  const revision = current.conversation.revision;
  expectBody(await employeeClient.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
  return expectBody(await managerClient.post(`${base}/agree`, { revision }), 200, ConversationViewSchema);
}

/** A version of the form the API gives out (storage's entity tag) that no row holds: a stale If-Match. */
export const STALE_ETAG = `W/"datetime'2020-01-01T00%3A00%3A00.0000000Z'"`;
