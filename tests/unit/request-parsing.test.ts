import azureFunctions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { AddTalkingPointRequestSchema } from '../../functions/src/contract';
import { ApiError } from '../../functions/src/http/problem';
import { conversationParams, readJsonBody } from '../../functions/src/http/request';

const { HttpRequest } = azureFunctions;

const EMPLOYEE = '1B976E1C-64DA-4465-8CB7-D4D3904A8C59';
const CONVERSATION = '8000000000000abc123';

/** The ApiError a call throws (sync or async). */
async function refusal(call: () => unknown): Promise<ApiError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError, but the call succeeded.');
}

describe('the plan and conversation a route names', () => {
  const withParams = (params: Record<string, string>) =>
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/plans', params });

  it('are read from the path, the employee id in lower case', () => {
    expect(conversationParams(withParams({ employeeId: EMPLOYEE, conversationId: CONVERSATION }))).toEqual({
      employeeId: EMPLOYEE.toLowerCase(),
      conversationId: CONVERSATION,
    });
  });

  it('answer 404 naming what is not there when either is not an id', async () => {
    const noEmployee = await refusal(() =>
      conversationParams(withParams({ employeeId: 'ava', conversationId: CONVERSATION })),
    );
    expect(noEmployee).toMatchObject({ status: 404, detail: 'There is no such employee here.' });
    const noConversation = await refusal(() =>
      conversationParams(withParams({ employeeId: EMPLOYEE, conversationId: 'c1' })),
    );
    expect(noConversation).toMatchObject({ status: 404, detail: 'There is no such conversation here.' });
  });
});

describe('a JSON body', () => {
  it('must be declared as JSON from the start of its Content-Type, not merely mention it', async () => {
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/plans',
      headers: { 'content-type': 'text/plain; note=application/json' },
      body: { string: JSON.stringify({ text: 'Budget' }) },
    });
    expect(await refusal(() => readJsonBody(request, AddTalkingPointRequestSchema))).toMatchObject({
      status: 415,
      title: 'Send JSON',
    });
  });
});
