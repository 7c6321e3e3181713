import type { BrowserContext, Frame } from 'playwright-core';
import { expect } from 'vitest';
import {
  ActionResultSchema,
  ConversationViewSchema,
  type ActionView,
  type AddActionRequest,
} from '../../functions/src/contract';
import { startLocalHost } from '../../functions/dev/local-host';
import { clientFor, expectBody } from '../support/client';
import type { TestStack } from '../support/stack';

/** What the browser tests of the room share: setting up a conversation through the API, and watching the panel. */

export async function apiAs(stack: TestStack, person: string) {
  return clientFor(stack, await stack.token(person));
}

/** Someone starts a conversation in an employee's plan for a meeting; answers its API path. */
export async function startConversation(
  stack: TestStack,
  starter: string,
  employee: string,
  type: 'job' | 'career',
  meetingId?: string,
): Promise<string> {
  const employeeId = stack.person(employee).id;
  const view = expectBody(
    await (
      await apiAs(stack, starter)
    ).post(`plans/${employeeId}/conversations`, {
      type,
      ...(meetingId ? { meetingId } : {}),
    }),
    201,
    ConversationViewSchema,
  );
  return `plans/${employeeId}/conversations/${view.conversation.id}`;
}

export async function addActionAs(
  stack: TestStack,
  author: string,
  base: string,
  body: AddActionRequest,
): Promise<ActionView> {
  return expectBody(await (await apiAs(stack, author)).post(`${base}/actions`, body), 201, ActionResultSchema).action;
}

/** The id of the element that has focus in a frame, its text when it has no id, "(body)" when nothing has focus. */
export function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '(body)';
    return element.id || element.textContent.trim() || element.tagName;
  });
}

/** The panel is there, drawn: its heading shows and the failure screen does not. */
export async function expectDrawn(frame: Frame, heading: string): Promise<void> {
  await frame.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 10_000 });
  await expect(frame.getByText('This page stopped working').count()).resolves.toBe(0);
}

/**
 * Holds the next request of `method` to a URL matching `pattern` in the browser until `release()`: the other
 * person's write then lands first, every time, and the held one arrives with the version it was made on.
 */
export async function holdNext(
  context: BrowserContext,
  pattern: string,
  method: string,
): Promise<{ reached: Promise<void>; release: () => void; answered: Promise<number> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let answer!: (status: number) => void;
  const answered = new Promise<number>((resolve) => {
    answer = resolve;
  });
  let taken = false;
  await context.route(pattern, async (route) => {
    if (taken || route.request().method() !== method) {
      await route.fallback();
      return;
    }
    taken = true;
    arrived();
    await gate;
    const response = await route.fetch();
    answer(response.status());
    await route.fulfill({ response });
  });
  return { reached, release, answered };
}

/**
 * Waits for the saved flag that says `words`, then answers its text, how far it is from the control that has focus
 * (it sits beside it, where the person is looking), in pixels, and whether it is inside the window.
 */
export async function savedFlag(
  frame: Frame,
  words: string | RegExp,
): Promise<{ text: string; distance: number; inView: boolean }> {
  const flag = frame.getByTestId('saved-flag').filter({ hasText: words });
  await flag.waitFor();
  return flag.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const active = document.activeElement;
    const anchor = active && active !== document.body ? active.getBoundingClientRect() : null;
    const distance = anchor
      ? Math.max(0, rect.top - anchor.bottom, anchor.top - rect.bottom) + Math.max(0, rect.left - anchor.right)
      : Number.POSITIVE_INFINITY;
    return {
      text: element.textContent,
      distance,
      inView: rect.top >= 0 && rect.bottom <= window.innerHeight && rect.left >= 0 && rect.right <= window.innerWidth,
    };
  });
}

/**
 * Runs API calls as if on another day: a second local host over the same storage, with its clock set to `at` (as the
 * demo seed does), so that a test can give a plan its history.
 */
export async function onDay<T>(
  stack: TestStack,
  at: Date,
  work: (as: (person: string) => Promise<ReturnType<typeof clientFor>>) => Promise<T>,
): Promise<T> {
  const host = await startLocalHost({ services: { ...stack.services, now: () => at } });
  try {
    return await work(async (person) => clientFor({ ...stack, url: host.url }, await stack.token(person)));
  } finally {
    await host.close();
  }
}

/** Both people agree a conversation at `base` through `as`, the employee first. */
export async function agreeAs(
  as: (person: string) => Promise<ReturnType<typeof clientFor>>,
  base: string,
  employee: string,
  manager: string,
): Promise<void> {
  const employeeClient = await as(employee);
  const { revision } = expectBody(await employeeClient.get(base), 200, ConversationViewSchema).conversation;
  expect((await employeeClient.post(`${base}/agree`, { revision })).status).toBe(200);
  expect((await (await as(manager)).post(`${base}/agree`, { revision })).status).toBe(200);
}

/**
 * Ben's plan, as the demo has it: his last job conversation was agreed 210 days ago (90 past the cadence), and two of
 * his three open actions are done, so Morgan holds two of the three still open.
 */
export async function benOverdue(stack: TestStack): Promise<void> {
  const benId = stack.person('ben').id;
  await onDay(stack, new Date(Date.now() - 210 * 86_400_000), async (as) => {
    const started = expectBody(
      await (await as('morgan')).post(`plans/${benId}/conversations`, { type: 'job' }),
      201,
      ConversationViewSchema,
    );
    const base = `plans/${benId}/conversations/${started.conversation.id}`;
    for (const [who, title, owner] of [
      ['ben', 'Finish the secure coding course', 'employee'],
      ['ben', 'Pair with Ava on reviews', 'employee'],
      ['ben', 'Run the incident review', 'employee'],
      ['morgan', 'Book the conference', 'manager'],
      ['morgan', 'Set up monthly feedback', 'manager'],
    ] as const) {
      expect((await (await as(who)).post(`${base}/actions`, { title, owner, learningKind: 'formal' })).status).toBe(
        201,
      );
    }
    await agreeAs(as, base, 'ben', 'morgan');
    const agreed = expectBody(await (await as('ben')).get(base), 200, ConversationViewSchema);
    for (const action of agreed.actions.filter((entry) => entry.owner === 'employee').slice(0, 2)) {
      expect(
        (await (await as('ben')).patch(`${base}/actions/${action.id}`, { status: 'done' }, { ifMatch: action.etag }))
          .status,
      ).toBe(200);
    }
  });
}
