import { odata } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditTrailSchema,
  NudgePreferencesSchema,
  ProblemSchema,
  type PutNudgePreferencesRequest,
} from '../../functions/src/contract';
import { TEAM_DIGEST_KEY_PREFIX, defaultNudgePreferences } from '../../functions/src/domain';
import { planPartition } from '../../functions/src/store';
import { clientFor, expectBody, expectProblem, type Client } from '../support/client';
import { startTestStack, type TestStack } from '../support/stack';

/*
 * Each person's own choice of nudges through GET and PUT /api/me/nudges: everything on until they
 * choose, saved whole under If-Match, kept in their own partition, and nobody reaches anyone else's.
 * Deleting one's plan keeps the choice unless the person asks for it to go too.
 */

let stack: TestStack;
let ava: Client;
let morgan: Client;

beforeAll(async () => {
  stack = await startTestStack();
  ava = clientFor(stack, await stack.token('ava'));
  morgan = clientFor(stack, await stack.token('morgan'));
});
afterAll(() => stack.close());

const everythingOn: PutNudgePreferencesRequest = defaultNudgePreferences();

/** What is stored in one person's own partition, read past the API. */
async function storedFor(shortName: string) {
  const person = stack.person(shortName);
  return (await stack.services.plans.readNudgePreferences(planPartition(person.tenantId, person.id)))?.value ?? null;
}

describe('my choice of nudges', () => {
  it('is everything on, with no ETag, until I choose', async () => {
    const response = await ava.get('me/nudges');
    const view = expectBody(response, 200, NudgePreferencesSchema);
    expect(view).toEqual({ preferences: everythingOn, etag: null });
    expect(response.etag).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await storedFor('ava')).toBeNull();
  });

  it('saves what I choose, reads it back, and refuses a save made on a version I did not see', async () => {
    const quieter = { ...everythingOn, actionOverdue: false, digestDay: 'friday' } as const;
    const created = await ava.put('me/nudges', quieter);
    const saved = expectBody(created, 200, NudgePreferencesSchema);
    expect(saved.preferences).toEqual(quieter);
    expect(saved.etag).toBeTruthy();
    expect(created.etag).toBe(saved.etag);
    expect(expectBody(await ava.get('me/nudges'), 200, NudgePreferencesSchema)).toEqual(saved);
    expect(await storedFor('ava')).toEqual(quieter);

    // A second tab that still thinks nothing was chosen creates again: refused, with what is stored now.
    const secondCreate = await ava.put('me/nudges', { ...everythingOn, weeklyDigest: false });
    expectProblem(secondCreate, 412);
    expect(NudgePreferencesSchema.parse(ProblemSchema.parse(secondCreate.body).current)).toEqual(saved);

    // A change under the current ETag replaces it…
    const quietest = { ...quieter, actionDueSoon: false };
    const replaced = expectBody(
      await ava.put('me/nudges', quietest, { ifMatch: saved.etag! }),
      200,
      NudgePreferencesSchema,
    );
    expect(replaced.preferences).toEqual(quietest);
    expect(replaced.etag).not.toBe(saved.etag);
    // …and one under the old ETag is 412 with the current choice, which stays as it was.
    const stale = await ava.put('me/nudges', everythingOn, { ifMatch: saved.etag! });
    expectProblem(stale, 412);
    expect(NudgePreferencesSchema.parse(ProblemSchema.parse(stale.body).current)).toEqual(replaced);
    expect(await storedFor('ava')).toEqual(quietest);

    // Every change is in my own audit trail: that I changed them and when, not what I chose.
    const trail = expectBody(await ava.get(`plans/${stack.person('ava').id}/audit`), 200, AuditTrailSchema);
    const changes = trail.entries.filter((entry) => entry.action === 'nudges.preferences');
    expect(changes).toHaveLength(2);
    expect(changes.every((entry) => entry.actorId === stack.person('ava').id && entry.target === undefined)).toBe(true);
  });

  it('is each person’s own: a manager’s digest day and an employee’s choice never touch each other', async () => {
    const avaBefore = await storedFor('ava');
    // Morgan, Ava's manager, starts from the defaults: he sees his own choice, never hers.
    expect(expectBody(await morgan.get('me/nudges'), 200, NudgePreferencesSchema)).toEqual({
      preferences: everythingOn,
      etag: null,
    });
    const morgans = { ...everythingOn, jobDevelopmentOverdue: false, digestDay: 'wednesday' } as const;
    expectBody(await morgan.put('me/nudges', morgans), 200, NudgePreferencesSchema);
    expect(await storedFor('morgan')).toEqual(morgans);
    expect(await storedFor('ava')).toEqual(avaBefore);
    expect(expectBody(await ava.get('me/nudges'), 200, NudgePreferencesSchema).preferences).toEqual(avaBefore);

    // The same object id in another tenant is another person, with a choice of their own.
    const otherAva = clientFor(stack, await stack.token('fabrikam-ava'));
    expect(expectBody(await otherAva.get('me/nudges'), 200, NudgePreferencesSchema).etag).toBeNull();
    expectBody(
      await otherAva.put('me/nudges', { ...everythingOn, prepareTalkingPoints: false }),
      200,
      NudgePreferencesSchema,
    );
    expect(await storedFor('ava')).toEqual(avaBefore);

    // Nothing in the plan's views carries the choice: the manager reading Ava's plan learns nothing of it.
    const avaId = stack.person('ava').id;
    for (const path of [`plans/${avaId}`, `plans/${avaId}/export`]) {
      const response = await morgan.get(path);
      expect(response.status, path).toBe(200);
      expect(JSON.stringify(response.body), path).not.toMatch(/digestDay|actionOverdue/);
    }
    // And no route names anyone: a path with an id in it is not a route.
    expect((await morgan.get(`me/nudges/${avaId}`)).status).toBe(404);
  });

  it('outlives the deletion of my plan, a manager’s digest day and the digests already sent to her included', async () => {
    const dana = clientFor(stack, await stack.token('dana'));
    const danaId = stack.person('dana').id;
    const partition = planPartition(stack.person('dana').tenantId, danaId);
    const choice = { ...everythingOn, actionOverdue: false, digestDay: 'thursday' } as const;
    const saved = expectBody(await dana.put('me/nudges', choice), 200, NudgePreferencesSchema);
    // Dana's own plan (Sam is her manager) holds a conversation and a nudge sent about it; as Eli's manager
    // she was sent this week's digest.
    expect((await dana.post(`plans/${danaId}/conversations`, { type: 'job' })).status).toBe(201);
    const digestKey = `${TEAM_DIGEST_KEY_PREFIX}2026-07-02:${danaId}`;
    await stack.services.nudges.recordSent(
      partition,
      [digestKey, 'jobDevelopmentReminder:2026-07:plan'],
      '2026-07-02T06:00:00Z',
    );

    // A query that says neither keep nor delete is refused before anything goes.
    const before = await rowsOf(partition);
    for (const query of ['settings=maybe', 'setting=delete', 'settings=']) {
      expectProblem(await dana.delete(`plans/${danaId}?${query}`), 400);
      expect(await rowsOf(partition), query).toEqual(before);
    }

    // By default, the plan goes and her own settings stay, as they were, under the same ETag.
    expect((await dana.delete(`plans/${danaId}`)).status).toBe(204);
    expect(await rowsOf(partition)).toEqual(['n_' + digestKey, 'nudge-preferences', 'summary']);
    expect(expectBody(await dana.get('me/nudges'), 200, NudgePreferencesSchema)).toEqual(saved);
    expect((await stack.services.nudges.sentKeys(partition)).has(digestKey)).toBe(true);
    // "keep" said out loud is the same.
    expect((await dana.delete(`plans/${danaId}?settings=keep`)).status).toBe(204);
    expect(await rowsOf(partition)).toEqual(['n_' + digestKey, 'nudge-preferences', 'summary']);

    // Asked to, they go too; the trail says so, without saying what they were.
    expect((await dana.delete(`plans/${danaId}?settings=delete`)).status).toBe(204);
    expect(await rowsOf(partition)).toEqual(['summary']);
    expect(expectBody(await dana.get('me/nudges'), 200, NudgePreferencesSchema)).toEqual({
      preferences: everythingOn,
      etag: null,
    });
    const deletions = expectBody(await dana.get(`plans/${danaId}/audit`), 200, AuditTrailSchema).entries.filter(
      (entry) => entry.action === 'plan.delete',
    );
    expect(deletions.map((entry) => entry.target ?? null)).toEqual(['settings', null, null]);
  });

  it('answers 412 with the defaults when the choice went with a deleted plan', async () => {
    const chloe = clientFor(stack, await stack.token('chloe'));
    const saved = expectBody(
      await chloe.put('me/nudges', { ...everythingOn, confirmationWaiting: false }),
      200,
      NudgePreferencesSchema,
    );
    expect((await chloe.delete(`plans/${stack.person('chloe').id}?settings=delete`)).status).toBe(204);
    const stale = await chloe.put('me/nudges', everythingOn, { ifMatch: saved.etag! });
    expectProblem(stale, 412);
    expect(NudgePreferencesSchema.parse(ProblemSchema.parse(stale.body).current)).toEqual({
      preferences: everythingOn,
      etag: null,
    });
    // Starting again without an ETag works.
    expectBody(await chloe.put('me/nudges', everythingOn), 200, NudgePreferencesSchema);
  });
});

/** The row keys of a partition, audit rows aside, sorted. */
async function rowsOf(partition: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const entity of stack.tables.plans.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${partition} and kind ne 'audit'` },
  })) {
    rows.push(String(entity.rowKey));
  }
  return rows.sort();
}
