import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema } from '../../functions/src/contract';
import { defaultNudgePreferences } from '../../functions/src/domain';
import { clientFor, expectBody, type Client } from '../support/client';
import { startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let ava: Client;
let morgan: Client;
let avaId: string;
let base: string;
let pointId: string;

/** Fields no caller may set: identities, tenancy, storage keys, agreement state, authorship, versions. */
const FORBIDDEN: Record<string, unknown> = {
  revision: 99,
  confirmations: [{ role: 'employee', by: '494b5923-1c8f-4e15-8c83-791534de2497', at: '2026-01-01', revision: 0 }],
  snapshot: { ownership: { employee: 9, manager: 0 } },
  role: 'employee',
  employeeId: '95f926d7-d7c5-455d-828f-a71042750fce',
  managerId: '95f926d7-d7c5-455d-828f-a71042750fce',
  tenantId: '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09',
  tid: '9a0e5b7c-3d2f-4c1a-8b6e-5f4d3c2b1a09',
  partitionKey: 'other_partition',
  rowKey: 'c_0000000000000aaaaaa',
  status: 'agreed',
  agreed: true,
  agreedBy: '494b5923-1c8f-4e15-8c83-791534de2497',
  authorId: '494b5923-1c8f-4e15-8c83-791534de2497',
  createdBy: '494b5923-1c8f-4e15-8c83-791534de2497',
  etag: '*',
  id: 'a1',
};

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  morgan = clientFor(stack, await stack.token('morgan'));
  await ava.post(`${base}/actions`, { title: 'First', owner: 'employee', learningKind: 'formal' });
  await ava.put(`${base}/note`, { text: 'Ava’s own note' });
  pointId = ((await ava.post(`${base}/agenda`, { text: 'A point of my own' })).body as { item: { id: string } }).item
    .id;
});
afterAll(() => stack.close());

describe('property access', () => {
  it('refuses every field a caller may not set, on every write, and stores none of them', async () => {
    const current = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const writes: { client: Client; method: string; path: string; body: Record<string, unknown>; ifMatch?: string }[] =
      [
        { client: ava, method: 'POST', path: `plans/${avaId}/conversations`, body: { type: 'career' } },
        {
          client: ava,
          method: 'PUT',
          path: `plans/${avaId}/career-plan`,
          body: { aspiration: null, focusAreas: [], careerScenario: null },
        },
        { client: ava, method: 'POST', path: `${base}/agenda`, body: { text: 'A point' } },
        {
          client: ava,
          method: 'PATCH',
          path: `${base}/agenda/goals.learn`,
          body: { discussed: true },
          ifMatch: current.conversation.etag,
        },
        {
          client: ava,
          method: 'PATCH',
          path: `${base}/agenda/${pointId}`,
          body: { text: 'Reworded point' },
          ifMatch: current.conversation.etag,
        },
        {
          client: morgan,
          method: 'PUT',
          path: `plans/${avaId}/next-conversation`,
          body: { date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), type: 'job' },
        },
        {
          client: morgan,
          method: 'POST',
          path: `${base}/actions`,
          body: { title: 'An action', owner: 'manager', learningKind: 'formal' },
        },
        {
          client: ava,
          method: 'PATCH',
          path: `${base}/actions/a1`,
          body: { status: 'done' },
          ifMatch: current.actions[0]!.etag,
        },
        {
          client: morgan,
          method: 'PATCH',
          path: `${base}/agenda/goals.learn`,
          body: { proposal: null },
          ifMatch: current.conversation.etag,
        },
        {
          client: morgan,
          method: 'POST',
          path: `${base}/agree`,
          body: { revision: current.conversation.revision },
        },
        { client: morgan, method: 'PUT', path: `${base}/note`, body: { text: 'A note' } },
        {
          client: ava,
          method: 'PUT',
          path: 'meetings/link',
          body: { meetingId: 'm-1', employeeId: avaId, conversationId: current.conversation.id },
        },
        // The caller's own choice of nudges: whose it is comes from the token, never from a field.
        {
          client: morgan,
          method: 'PUT',
          path: 'me/nudges',
          body: { ...defaultNudgePreferences(), weeklyDigest: false, digestDay: 'friday' },
        },
      ];
    // Each attempt is recorded as it comes: the answer, and whether any stored row changed because of it.
    const attempts: { what: string; status: number; changedRows: number }[] = [];
    let rows = await stack.snapshot();
    for (const write of writes) {
      for (const [field, value] of Object.entries(FORBIDDEN)) {
        if (field in write.body) continue;
        const response = await write.client.call(write.method, write.path, {
          body: { ...write.body, [field]: value },
          ...(write.ifMatch ? { ifMatch: write.ifMatch } : {}),
        });
        const after = await stack.snapshot();
        const changedRows =
          rows.filter((row) => !after.includes(row)).length + after.filter((row) => !rows.includes(row)).length;
        rows = after;
        attempts.push({ what: `${write.method} ${write.path} with ${field}`, status: response.status, changedRows });
      }
    }

    // Another person's private note: the manager's write lands in the manager's own note, never in Ava's.
    const morganWrite = await morgan.put(`${base}/note`, { text: 'Morgan’s note' });
    const avaView = expectBody(await ava.get(base), 200, ConversationViewSchema);
    const morganView = expectBody(await morgan.get(base), 200, ConversationViewSchema);
    const notes = {
      what: 'PUT note as the manager',
      status: morganWrite.status,
      // Ava's note must be untouched, and the manager's write must have landed in the manager's own note.
      changedRows: avaView.myNote?.text === 'Ava’s own note' ? 0 : 1,
      landedInOwnNote: morganView.myNote?.text === 'Morgan’s note',
    };

    const tried = attempts.length + 1;
    const stored = attempts.filter((attempt) => attempt.changedRows > 0).length + notes.changedRows;
    const notRefused = attempts.filter((attempt) => attempt.status !== 400);
    console.log(`property access: ${tried} tried, ${stored} stored, ${notRefused.length} not refused with 400`);
    expect(attempts.filter((attempt) => attempt.changedRows > 0).map((attempt) => attempt.what)).toEqual([]);
    expect(notRefused.map((attempt) => `${attempt.what}: ${attempt.status}`)).toEqual([]);
    expect(notes).toEqual({ what: 'PUT note as the manager', status: 200, changedRows: 0, landedInOwnNote: true });
    expect(stored).toBe(0);
  }, 60_000);
});
