import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationViewSchema, MeetingResolutionSchema, type MeetingResolution } from '../../functions/src/contract';
import { meetingLinkPartition } from '../../functions/src/store';
import { clientFor, expectBody, type ApiResponse, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * Meeting links are per pair. Someone who links a meeting (and its chat) first, to their own plan, must not be able
 * to block the real pair from using it, nor see or learn anything about the pair's link; and the pair learns nothing
 * about them either.
 */

let stack: TestStack;
const as = async (name: string): Promise<Client> => clientFor(stack, await stack.token(name));

const MEETING = 'MCMxOTptZWV0aW5nX3NxdWF0dGVk/squatted+meeting==';
const CHAT = '19:meeting_squatted@thread.v2';
/** A meeting and chat nobody else ever used: what every answer is compared with. */
const FRESH_MEETING = 'MCMxOTptZWV0aW5nX2ZyZXNo/fresh+meeting==';
const FRESH_CHAT = '19:meeting_fresh@thread.v2';
const NEXT_OCCURRENCE = 'MCMxOTptZWV0aW5nX25leHQ=/next+occurrence==';

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

function resolvePath(meetingId: string, chatId?: string): string {
  return `meetings/resolve?meetingId=${encodeURIComponent(meetingId)}${chatId ? `&chatId=${encodeURIComponent(chatId)}` : ''}`;
}

async function resolve(client: Client, meetingId: string, chatId?: string): Promise<MeetingResolution> {
  return expectBody(await client.get(resolvePath(meetingId, chatId)), 200, MeetingResolutionSchema);
}

/** An answer with what identifies one meeting or conversation replaced, to compare the shape of two answers. */
function shapeOf(response: ApiResponse, replace: Record<string, string>): string {
  let text = JSON.stringify({ status: response.status, body: response.body });
  for (const [value, placeholder] of Object.entries(replace)) text = text.split(value).join(placeholder);
  // ETags, times and generated ids differ from one write to the next whatever the meeting.
  return text
    .replace(/W\/\\"[^"\\]*\\"/g, '<etag>')
    .replace(/"v-[^"\\]*"/g, '<etag>')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\d{13}[a-z0-9]{6}/g, '<id>');
}

describe('a meeting linked first by someone else', () => {
  it('neither blocks the pair nor shows or tells either side anything about the other', async () => {
    const eli = await as('eli');
    const dana = await as('dana');
    const ben = await as('ben');
    const ava = await as('ava');
    const morgan = await as('morgan');
    const [eliId, benId, avaId] = [stack.person('eli').id, stack.person('ben').id, stack.person('ava').id];

    // Two strangers to Ava's pair squat the meeting and its chat first: Eli (another manager's report) and
    // Ben (a peer under the same manager, whose own pair with Morgan is a different pair).
    const eliStart = await eli.post(`plans/${eliId}/conversations`, { type: 'job', meetingId: MEETING, chatId: CHAT });
    const eliTalk = expectBody(eliStart, 201, ConversationViewSchema).conversation;
    const benTalk = expectBody(
      await ben.post(`plans/${benId}/conversations`, { type: 'job', meetingId: MEETING, chatId: CHAT }),
      201,
      ConversationViewSchema,
    ).conversation;
    // Eli's own answers before the real pair arrives, for the meeting and for a meeting nobody else uses.
    const eliFresh = expectBody(
      await eli.post(`plans/${eliId}/conversations`, { type: 'career', meetingId: FRESH_MEETING, chatId: FRESH_CHAT }),
      201,
      ConversationViewSchema,
    ).conversation;
    const strangerBefore = {
      meeting: await eli.get(resolvePath(MEETING)),
      series: await eli.get(resolvePath(NEXT_OCCURRENCE, CHAT)),
      relink: await eli.put('meetings/link', {
        meetingId: MEETING,
        chatId: CHAT,
        employeeId: eliId,
        conversationId: eliTalk.id,
      }),
      manager: await dana.get(resolvePath(MEETING, CHAT)),
    };

    // The real pair starts its conversation in the squatted meeting: no 409, and the same answer as in a fresh one.
    const avaStart = await ava.post(`plans/${avaId}/conversations`, { type: 'job', meetingId: MEETING, chatId: CHAT });
    const avaTalk = expectBody(avaStart, 201, ConversationViewSchema).conversation;
    const control = await ava.post(`plans/${avaId}/conversations`, {
      type: 'career',
      meetingId: FRESH_MEETING,
      chatId: FRESH_CHAT,
    });
    const controlTalk = expectBody(control, 201, ConversationViewSchema).conversation;
    expect(avaStart.status).toBe(control.status);
    const avaAnswers = JSON.stringify(avaStart.body);
    for (const foreign of [eliId, eliTalk.id, benId, benTalk.id, 'Eli Novak', 'Ben Okafor'])
      expect(avaAnswers).not.toContain(foreign);

    // Each pair resolves the meeting, and the series' chat, to its own conversation and only to it.
    const avaLink = {
      status: 'linked',
      employeeId: avaId,
      managerId: stack.person('morgan').id,
      conversationId: avaTalk.id,
      conversationType: 'job',
    };
    expect(await resolve(ava, MEETING, CHAT)).toEqual(avaLink);
    expect(await resolve(ava, NEXT_OCCURRENCE, CHAT)).toMatchObject({
      status: 'series',
      employeeId: avaId,
      lastConversationId: avaTalk.id,
    });
    expect(await resolve(eli, MEETING, CHAT)).toMatchObject({
      status: 'linked',
      employeeId: eliId,
      conversationId: eliTalk.id,
    });
    expect(await resolve(dana, MEETING)).toMatchObject({
      status: 'linked',
      employeeId: eliId,
      conversationId: eliTalk.id,
    });
    expect(await resolve(eli, NEXT_OCCURRENCE, CHAT)).toMatchObject({
      status: 'series',
      employeeId: eliId,
      lastConversationId: eliTalk.id,
    });
    expect(await resolve(ben, MEETING)).toMatchObject({
      status: 'linked',
      employeeId: benId,
      conversationId: benTalk.id,
    });
    // Morgan belongs to both his pairs in this meeting: he is shown one of his own, the newest, never Eli's.
    expect(await resolve(morgan, MEETING)).toEqual(avaLink);

    // The stranger learns nothing: every answer is what it was before the pair used the meeting.
    const strangerAfter = {
      meeting: await eli.get(resolvePath(MEETING)),
      series: await eli.get(resolvePath(NEXT_OCCURRENCE, CHAT)),
      relink: await eli.put('meetings/link', {
        meetingId: MEETING,
        chatId: CHAT,
        employeeId: eliId,
        conversationId: eliTalk.id,
      }),
      manager: await dana.get(resolvePath(MEETING, CHAT)),
    };
    expect(strangerAfter.meeting.body).toEqual(strangerBefore.meeting.body);
    expect(strangerAfter.series.body).toEqual(strangerBefore.series.body);
    expect(strangerAfter.relink.body).toEqual(strangerBefore.relink.body);
    expect(strangerAfter.manager.body).toEqual(strangerBefore.manager.body);
    for (const key of ['meeting', 'series', 'relink', 'manager'] as const) {
      expect(strangerAfter[key].status, key).toBe(strangerBefore[key].status);
      expect(JSON.stringify(strangerAfter[key].body), key).not.toContain(avaId);
      expect(JSON.stringify(strangerAfter[key].body), key).not.toContain(avaTalk.id);
    }
    // And what the stranger gets for the shared meeting has the shape of what he gets for a meeting nobody shares.
    const squatted = { [MEETING]: '<meeting>', [CHAT]: '<chat>', [eliTalk.id]: '<conversation>' };
    const fresh = { [FRESH_MEETING]: '<meeting>', [FRESH_CHAT]: '<chat>', [eliFresh.id]: '<conversation>' };
    expect(shapeOf(await eli.get(resolvePath(MEETING)), squatted).replace('"job"', '<type>')).toBe(
      shapeOf(await eli.get(resolvePath(FRESH_MEETING)), fresh).replace('"career"', '<type>'),
    );
    // The same holds for the pair: the shared meeting answers them as a fresh one would.
    expect(
      shapeOf(await ava.get(resolvePath(MEETING, CHAT)), { [avaTalk.id]: '<conversation>' }).replace('"job"', '<type>'),
    ).toBe(
      shapeOf(await ava.get(resolvePath(FRESH_MEETING, FRESH_CHAT)), { [controlTalk.id]: '<conversation>' }).replace(
        '"career"',
        '<type>',
      ),
    );

    // Nobody can point the pair's row at their own plan, nor their own at the pair's plan.
    const hijack = await eli.put('meetings/link', {
      meetingId: MEETING,
      employeeId: avaId,
      conversationId: avaTalk.id,
    });
    const missing = await eli.put('meetings/link', {
      meetingId: FRESH_MEETING,
      employeeId: '00000000-0000-4000-8000-000000000000',
      conversationId: avaTalk.id,
    });
    expect(hijack.status).toBe(404);
    expect(hijack.body).toEqual(missing.body);
    expect(await resolve(ava, MEETING)).toEqual(avaLink);

    // In storage: one row per pair in each link partition, each its own pair's.
    const rows: { partition: string; row: string; employee: string }[] = [];
    for await (const entity of stack.tables.links.listEntities<{ employeeId: string }>())
      rows.push({ partition: String(entity.partitionKey), row: String(entity.rowKey), employee: entity.employeeId });
    expect(rows.filter((row) => row.row !== row.employee)).toEqual([]);
    const meetingRows = rows.filter(
      (row) => row.partition === meetingLinkPartition(stack.person('ava').tenantId, MEETING),
    );
    expect(meetingRows.map((row) => row.employee).sort()).toEqual([avaId, benId, eliId].sort());
  });
});
