import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/dev/local-host';
import { MeetingPanelSchema, type MeetingPanel } from '../../functions/src/contract';
import { GraphMeetingMembers } from '../../functions/src/directory';
import type { Services } from '../../functions/src/services';
import { clientFor, expectBody } from '../support/client';
import { startEntraGraphStandIn, type StandIn } from '../support/entra-graph-stand-in';
import { SITE_DIR } from '../support/preview';
import { meetingMembersAt, startTestStack, type TestStack } from '../support/stack';

/*
 * The side panel of a meeting not linked yet suggests whose plan it is, from the meeting chat's members
 * (Graph, app token, RSC ChatMember.Read.Chat): only to a member of that chat, only when exactly one other
 * member is the caller's report or manager, and never at the cost of the panel when Graph is slow or down.
 */

let stack: TestStack;
let graph: StandIn;
let host: LocalHost;
let services: Services;
const id = (name: string) => stack.person(name).id;

beforeAll(async () => {
  stack = await startTestStack();
  graph = await startEntraGraphStandIn(
    ['sam', 'morgan', 'ava', 'ben', 'chloe', 'dana'].map((name) => ({ id: id(name), displayName: name })),
  );
  services = { ...stack.services, meetingMembers: meetingMembersAt(graph) };
  host = await startLocalHost({ services });
  graph.chatMembers.set('chat-morgan-ava', [id('morgan'), id('ava')]);
  graph.chatMembers.set('chat-morgan-ava-ben', [id('morgan'), id('ava'), id('ben')]);
  graph.chatMembers.set('chat-ava-ben', [id('ava'), id('ben')]);
  graph.chatMembers.set('chat-morgan-sam', [id('morgan'), id('sam')]);
});
afterAll(async () => {
  await host.close();
  await graph.close();
  await stack.close();
});

async function panelOf(name: string, meetingId: string, chatId?: string, url = host.url): Promise<MeetingPanel> {
  const client = clientFor({ ...stack, url }, await stack.token(name));
  const query = `meetingId=${encodeURIComponent(meetingId)}${chatId ? `&chatId=${encodeURIComponent(chatId)}` : ''}`;
  return expectBody(await client.get(`meetings/panel?${query}`), 200, MeetingPanelSchema);
}

describe('the suggested partner in the side panel', () => {
  it('is the one report in the chat for the manager, and the employee’s own plan for the employee', async () => {
    expect((await panelOf('morgan', 'm-1', 'chat-morgan-ava')).suggestedEmployeeId).toBe(id('ava'));
    expect((await panelOf('ava', 'm-1', 'chat-morgan-ava')).suggestedEmployeeId).toBe(id('ava'));
    // Morgan with his own manager: Morgan's plan.
    expect((await panelOf('morgan', 'm-2', 'chat-morgan-sam')).suggestedEmployeeId).toBe(id('morgan'));
    // The app asked with its own token, for that chat only.
    const asked = graph.requests.filter((request) => request.path.startsWith('/v1.0/chats/'));
    expect(asked.every((request) => request.authorization?.startsWith('Bearer app-token-for-'))).toBe(true);
  });

  it('is nothing with two reports in the chat, to someone not in the chat, without a chat, or in a chat the app is not in', async () => {
    expect((await panelOf('morgan', 'm-3', 'chat-morgan-ava-ben')).suggestedEmployeeId).toBeNull();
    // Morgan is not in Ava and Ben's chat: he learns nothing about it, though both are his reports.
    expect((await panelOf('morgan', 'm-4', 'chat-ava-ben')).suggestedEmployeeId).toBeNull();
    // Dana is in none of these chats and manages none of them.
    expect((await panelOf('dana', 'm-1', 'chat-morgan-ava')).suggestedEmployeeId).toBeNull();
    expect((await panelOf('morgan', 'm-5')).suggestedEmployeeId).toBeNull();
    expect((await panelOf('morgan', 'm-6', 'chat-the-app-is-not-in')).suggestedEmployeeId).toBeNull();
  });

  it('is nothing for a meeting already linked: the panel opens the conversation', async () => {
    const ava = clientFor({ ...stack, url: host.url }, await stack.token('ava'));
    expect(
      (
        await ava.post(`plans/${id('ava')}/conversations`, {
          type: 'job',
          meetingId: 'm-linked',
          chatId: 'chat-morgan-ava',
        })
      ).status,
    ).toBe(201);
    const panel = await panelOf('morgan', 'm-linked', 'chat-morgan-ava');
    expect(panel.meeting.status).toBe('linked');
    expect(panel.conversation).not.toBeNull();
    expect(panel.suggestedEmployeeId).toBeNull();
  });

  it('opens quickly without a suggestion when Graph is slow or down', async () => {
    graph.chatMembersDelay.ms = 5_000;
    try {
      const started = Date.now();
      const slow = await panelOf('morgan', 'm-7', 'chat-morgan-ava');
      expect(slow.suggestedEmployeeId).toBeNull();
      expect(slow.me.user.id).toBe(id('morgan'));
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      graph.chatMembersDelay.ms = 0;
    }
    // Nothing answers where Graph should be.
    const down = await startLocalHost({
      services: {
        ...services,
        meetingMembers: new GraphMeetingMembers({
          clientId: '00000000-0000-4000-8000-000000000001',
          credential: { kind: 'secret', secret: 'test-stand-in' },
          authorityHost: 'https://login.microsoftonline.com',
          graphBaseUrl: 'http://127.0.0.1:9/v1.0',
          timeoutMs: 1_500,
          networkClient: graph.networkClient,
        }),
      },
    });
    try {
      const started = Date.now();
      expect((await panelOf('morgan', 'm-8', 'chat-morgan-ava', down.url)).suggestedEmployeeId).toBeNull();
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await down.close();
    }
  });
});

describe('the local preview’s meeting chats', () => {
  it('are declared on the dev site (PUT /dev/chats/members) and answered by Graph’s stand-in', async () => {
    const site = await startTestStack({ siteDir: SITE_DIR });
    try {
      const declare = (chatId: string, body: unknown) =>
        fetch(`${site.url}/dev/chats/members?chatId=${encodeURIComponent(chatId)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const declared = await declare('19:preview-chat@thread.v2', { members: ['morgan', 'ben'] });
      expect(declared.status).toBe(200);
      expect(await declared.json()).toEqual({
        chatId: '19:preview-chat@thread.v2',
        members: [
          { shortName: 'morgan', id: site.person('morgan').id },
          { shortName: 'ben', id: site.person('ben').id },
        ],
      });
      expect((await declare('x', { members: ['nobody-here'] })).status).toBe(400);
      expect((await declare('x', { people: ['morgan'] })).status).toBe(400);
      const morgan = clientFor(site, await site.token('morgan'));
      const panel = expectBody(
        await morgan.get(
          `meetings/panel?meetingId=preview-meeting&chatId=${encodeURIComponent('19:preview-chat@thread.v2')}`,
        ),
        200,
        MeetingPanelSchema,
      );
      expect(panel.suggestedEmployeeId).toBe(site.person('ben').id);
    } finally {
      await site.close();
    }
  });
});
