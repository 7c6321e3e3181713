import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApi } from '../../functions/dev/in-process-api';
import { ConversationViewSchema, ProblemSchema } from '../../functions/src/contract';
import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { PlanStore, openTables } from '../../functions/src/store';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

const SECRET = 'I am thinking of leaving the company';

describe('logs', () => {
  it('carry nothing a person wrote: neither on success nor when storage fails', async () => {
    const lines: string[] = [];
    const api = inProcessApi(stack.services, (level, message) => lines.push(`${level} ${message}`));
    const ava = await stack.token('ava');
    const employeeId = stack.person('ava').id;
    const started = await api('conversations-post', {
      token: ava,
      params: { employeeId },
      body: { type: 'career' },
    });
    const view = ConversationViewSchema.parse(started.body);
    const params = { employeeId, conversationId: view.conversation.id };
    expect((await api('agenda-post', { token: ava, params, body: { text: SECRET } })).status).toBe(201);
    expect((await api('note-put', { token: ava, params, body: { text: SECRET } })).status).toBe(200);
    expect(lines).toEqual([]);

    // A storage failure whose message echoes content: a 500 that says nothing was changed, and a log line without the content.
    // The store is the real one; a pipeline policy (the SDK's public hook) makes every request fail.
    const choking: PipelinePolicy = {
      name: 'storage-that-echoes-content',
      sendRequest: () =>
        Promise.reject(new RestError(`Storage choked on "${SECRET}"`, { statusCode: 503, code: 'ServerBusy' })),
    };
    const failing = new PlanStore(
      openTables(
        { kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' },
        { additionalPolicies: [{ policy: choking, position: 'perRetry' }], retryOptions: { maxRetries: 0 } },
      ),
    );
    const broken = inProcessApi({ ...stack.services, plans: failing }, (level, message) =>
      lines.push(`${level} ${message}`),
    );
    const response = await broken('conversation-get', { token: ava, params });
    expect(response.status).toBe(500);
    expect(ProblemSchema.parse(response.body).detail).toMatch(/Nothing was changed/);
    expect(lines).toEqual(['error Unhandled RestError code=ServerBusy status=503']);
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
  });
});
