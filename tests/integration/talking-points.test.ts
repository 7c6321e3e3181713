import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgendaItemResultSchema,
  AuditTrailSchema,
  ConversationChangeSchema,
  ConversationViewSchema,
  ProblemSchema,
  type ConversationView,
} from '../../functions/src/contract';
import { clientFor, expectBody, expectProblem, type ApiResponse, type Client } from '../support/client';
import { agreeByBoth, startDraft } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * The author of a talking point rewords it or takes it off a draft's agenda, under the version they saw;
 * the other person, a stranger, an agreed conversation, a stale or missing version and bad input are
 * refused, each leaving every stored row as it was.
 */

let stack: TestStack;
let ava: Client;
let morgan: Client;
let avaId: string;
let base: string;

beforeAll(async () => {
  stack = await startTestStack();
  ({ client: ava, employeeId: avaId, base } = await startDraft(stack, 'ava', 'job'));
  morgan = clientFor(stack, await stack.token('morgan'));
});
afterAll(() => stack.close());

async function read(client: Client = ava): Promise<ConversationView> {
  return expectBody(await client.get(base), 200, ConversationViewSchema);
}

/** A refusal with `status` in problem+json that changed no stored row. */
async function refusedWithoutChange(status: number, attempt: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await stack.snapshot();
  const response = await attempt();
  expectProblem(response, status);
  expect(await stack.snapshot()).toEqual(before);
  return response;
}

describe('a talking point', () => {
  it('is reworded and removed by its author alone, and each change asks for agreement again', async () => {
    const added = expectBody(
      await ava.post(
        `${base}/agenda`,
        { text: 'Mentoring the new joiners' },
        { headers: { 'idempotency-key': 'ava-point-0001' } },
      ),
      201,
      AgendaItemResultSchema,
    );
    expect(added.item.id).toBe('point.1');
    const morgans = expectBody(
      await morgan.post(`${base}/agenda`, { text: 'The conference budget' }),
      201,
      AgendaItemResultSchema,
    );
    expect(morgans.item.id).toBe('point.2');
    // Morgan has agreed to what he sees; Ava's edit withdraws that.
    expect(
      (await ava.post(`${base}/actions`, { title: 'Mentor a joiner', owner: 'employee', learningKind: 'fromOthers' }))
        .status,
    ).toBe(201);
    const seen = await read(morgan);
    expect((await morgan.post(`${base}/agree`, { revision: seen.conversation.revision })).status).toBe(200);
    const current = await read();

    const edited = expectBody(
      await ava.patch(
        `${base}/agenda/point.1`,
        { text: 'Mentoring two new joiners' },
        { ifMatch: current.conversation.etag },
      ),
      200,
      AgendaItemResultSchema,
    );
    expect(edited.item).toMatchObject({ id: 'point.1', text: 'Mentoring two new joiners', authorId: avaId });
    expect(edited.conversation.revision).toBe(current.conversation.revision + 1);
    expect(edited.conversation.confirmations).toEqual([]);
    expect(edited.conversation.withdrawal).toMatchObject({ roles: ['manager'], kind: 'agenda.edit', by: avaId });
    expect(edited.conversationEtag).toBe(edited.conversation.etag);
    // Prepared or typed in the room, a point is its author's: the answer is the conversation as stored.
    expect((await read()).conversation).toEqual(edited.conversation);

    const removed = await morgan.delete(`${base}/agenda/point.2`, { ifMatch: edited.conversation.etag });
    const change = expectBody(removed, 200, ConversationChangeSchema);
    expect(removed.etag).toBe(change.conversation.etag);
    expect(change.conversation.agenda.map((item) => item.id)).not.toContain('point.2');
    expect(change.conversation.revision).toBe(edited.conversation.revision + 1);
    expect(change.conversation.lastChange).toMatchObject({ kind: 'agenda.remove', role: 'manager' });

    // A removed point's id is never handed out again, and a retry of the request that made a removed point
    // does not bring it back as a second one.
    expectBody(
      await ava.delete(`${base}/agenda/point.1`, { ifMatch: change.conversation.etag }),
      200,
      ConversationChangeSchema,
    );
    const retried = await refusedWithoutChange(410, () =>
      ava.post(
        `${base}/agenda`,
        { text: 'Mentoring the new joiners' },
        { headers: { 'idempotency-key': 'ava-point-0001' } },
      ),
    );
    expect(ProblemSchema.parse(retried.body).title).toBe('Removed since');
    const next = expectBody(await ava.post(`${base}/agenda`, { text: 'Something new' }), 201, AgendaItemResultSchema);
    expect(next.item.id).toBe('point.3');

    const trail = expectBody(await ava.get(`plans/${avaId}/audit`), 200, AuditTrailSchema);
    expect(
      trail.entries.map((entry) => `${entry.actorName}:${entry.action}:${entry.target?.split('/')[1] ?? ''}`),
    ).toEqual(
      expect.arrayContaining([
        'Ava Patel:agenda.edit:point.1',
        'Morgan Lee:agenda.remove:point.2',
        'Ava Patel:agenda.remove:point.1',
      ]),
    );
  });

  it('refuses the other person (403), template items (422), a missing item (404), a stale version (412) and no version (428)', async () => {
    const current = await read();
    const etag = current.conversation.etag;
    const other = await refusedWithoutChange(403, () =>
      morgan.patch(`${base}/agenda/point.3`, { text: 'Mine now' }, { ifMatch: etag }),
    );
    expect(ProblemSchema.parse(other.body).title).toBe('Only the person who added a talking point can change it');
    await refusedWithoutChange(403, () => morgan.delete(`${base}/agenda/point.3`, { ifMatch: etag }));
    await refusedWithoutChange(422, () =>
      ava.patch(`${base}/agenda/goals.learn`, { text: 'Reworded prompt' }, { ifMatch: etag }),
    );
    await refusedWithoutChange(422, () => ava.delete(`${base}/agenda/goals.learn`, { ifMatch: etag }));
    await refusedWithoutChange(404, () => ava.delete(`${base}/agenda/point.9`, { ifMatch: etag }));
    await refusedWithoutChange(428, () => ava.patch(`${base}/agenda/point.3`, { text: 'No version' }));
    await refusedWithoutChange(428, () => ava.delete(`${base}/agenda/point.3`));
    await refusedWithoutChange(428, () => ava.delete(`${base}/agenda/point.3`, { ifMatch: '*' }));
    // Morgan ticks an item; Ava's edit under the version before it is refused with the current one.
    expectBody(
      await morgan.patch(`${base}/agenda/goals.learn`, { discussed: true }, { ifMatch: etag }),
      200,
      AgendaItemResultSchema,
    );
    for (const attempt of [
      () => ava.patch(`${base}/agenda/point.3`, { text: 'Stale' }, { ifMatch: etag }),
      () => ava.delete(`${base}/agenda/point.3`, { ifMatch: etag }),
    ]) {
      const stale = await refusedWithoutChange(412, attempt);
      const now = ConversationViewSchema.parse((stale.body as { current: unknown }).current);
      expect(now.conversation.agenda.find((item) => item.id === 'goals.learn')?.discussed).toBe(true);
      expect(now.context.openActions).toEqual({ employee: 0, manager: 0 });
    }
  });

  it('refuses bad input with 400: the text policy and cap of adding a point, and one change per request', async () => {
    const etag = (await read()).conversation.etag;
    for (const body of [
      { text: 'x'.repeat(281) },
      { text: '   ' },
      { text: 'one\u2028two' },
      { text: 'a\u202Eb' },
      { text: 42 },
      { text: 'Two at once', discussed: true },
      { text: 'Two at once', note: 'and a note' },
      {},
    ]) {
      await refusedWithoutChange(400, () => ava.patch(`${base}/agenda/point.3`, body, { ifMatch: etag }));
    }
    // 280 characters, counted as people count them, are fine.
    const longest = '🌱'.repeat(280);
    const ok = expectBody(
      await ava.patch(`${base}/agenda/point.3`, { text: longest }, { ifMatch: etag }),
      200,
      AgendaItemResultSchema,
    );
    expect(ok.item.text).toBe(longest);
  });

  it('is hidden from strangers exactly as a made-up plan is (404), and frozen once agreed (409)', async () => {
    const ben = clientFor(stack, await stack.token('ben'));
    const etag = (await read()).conversation.etag;
    const made = base.replace(avaId, '00000000-0000-4000-8000-0000000000bb');
    for (const [method, path, options] of [
      ['PATCH', 'agenda/point.3', { body: { text: 'Intruding' }, ifMatch: etag }],
      ['DELETE', 'agenda/point.3', { ifMatch: etag }],
    ] as const) {
      const refused = await refusedWithoutChange(404, () => ben.call(method, `${base}/${path}`, options));
      const missing = await ben.call(method, `${made}/${path}`, options);
      expect(refused.body).toEqual(missing.body);
    }
    // Agreed: a record. Neither person rewords or removes their point any more.
    await ava.post(`${base}/actions`, {
      title: 'Shadow a staff engineer',
      owner: 'employee',
      learningKind: 'fromOthers',
    });
    expect((await agreeByBoth(stack, base, 'ava')).conversation.status).toBe('agreed');
    const agreed = (await read()).conversation.etag;
    await refusedWithoutChange(409, () =>
      ava.patch(`${base}/agenda/point.3`, { text: 'Too late' }, { ifMatch: agreed }),
    );
    await refusedWithoutChange(409, () => ava.delete(`${base}/agenda/point.3`, { ifMatch: agreed }));
  });
});
