import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../functions/src/contract';
import { allow, refuse, type RuleCode } from '../../functions/src/domain';
import {
  ApiError,
  allowedOrRefused,
  notFound,
  problemResponse,
  ruleError,
  staleError,
  unlessStale,
} from '../../functions/src/http/problem';
import { json, withEtag } from '../../functions/src/http/response';
import { StaleEtagError } from '../../functions/src/store';

/** The problem+json body of an answer. */
function bodyOf(response: { body?: unknown }) {
  if (typeof response.body !== 'string') throw new Error('A problem is sent as JSON text.');
  return ProblemSchema.parse(JSON.parse(response.body));
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject.');
}

describe('a refusal by a domain rule', () => {
  /** 409 when the state forbids it, 404 for a missing part, 403 for someone else's, 412 for a stale revision, 422 for the content. */
  const statuses: Record<RuleCode, number> = {
    conversationAgreed: 409,
    draftExists: 409,
    notConfirmed: 409,
    notInAgreedPlan: 409,
    itemNotFound: 404,
    notOwner: 403,
    staleRevision: 412,
    ownershipRule: 422,
    limitReached: 422,
    invalidAction: 422,
    invalidSection: 422,
    statusUnchanged: 422,
    notCarried: 422,
    notTalkingPoint: 422,
    nextConversationDate: 422,
  };

  it.each(Object.entries(statuses))('answers %s with %i', (code, status) => {
    const error = ruleError({ code: code as RuleCode, title: 'Title', detail: 'Detail' });
    expect(error).toMatchObject({ status, title: 'Title', detail: 'Detail', extra: {} });
  });

  it('names the field at fault, with the rule’s words as its message', () => {
    const error = ruleError({
      code: 'invalidSection',
      title: 'No such section',
      detail: 'No "x".',
      field: 'sectionId',
    });
    expect(error.extra).toEqual({ errors: [{ field: 'sectionId', message: 'No "x".' }] });
  });

  it('points to the draft to continue when one is already open', () => {
    const error = ruleError({
      code: 'draftExists',
      title: 'A draft is open',
      detail: 'Continue it.',
      existingConversationId: 'c1',
    });
    expect(error.extra).toEqual({ current: { conversationId: 'c1' } });
  });

  it('passes what a rule allowed through, and throws what it refused', () => {
    expect(allowedOrRefused(allow(42))).toBe(42);
    const refusal = refuse<number>({ code: 'notOwner', title: 'Only its author', detail: 'Ask them.' });
    expect(() => allowedOrRefused(refusal)).toThrow(ApiError);
    expect(() => allowedOrRefused(refusal)).toThrow('403 Only its author: Ask them.');
  });
});

describe('problem details', () => {
  it('send the status, title and detail as problem+json that no cache keeps', () => {
    const response = problemResponse(new ApiError(404, 'Not found', 'Nothing here.'));
    expect(response.status).toBe(404);
    expect(response.headers).toEqual({ 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
    expect(bodyOf(response)).toEqual({ type: 'about:blank', title: 'Not found', status: 404, detail: 'Nothing here.' });
  });

  it('carry the fields at fault, the current state, a type of their own and extra headers when given', () => {
    const error = new ApiError(412, 'Changed', 'Read again.', {
      type: 'https://example.test/stale',
      errors: [{ field: 'title', message: 'Too long.' }],
      current: { revision: 3 },
    });
    const response = problemResponse(error, { 'Retry-After': '5' });
    expect(response.headers).toMatchObject({ 'Retry-After': '5', 'Content-Type': 'application/problem+json' });
    expect(bodyOf(response)).toEqual({
      type: 'https://example.test/stale',
      title: 'Changed',
      status: 412,
      detail: 'Read again.',
      errors: [{ field: 'title', message: 'Too long.' }],
      current: { revision: 3 },
    });
  });

  it('carry a current state of null, which says there is none now', () => {
    expect(bodyOf(problemResponse(new ApiError(412, 'Gone', 'Deleted.', { current: null }))).current).toBeNull();
  });

  it('name the ApiError by its status, title and detail', () => {
    const error = new ApiError(400, 'Invalid', 'title: required');
    expect(error.name).toBe('ApiError');
    expect(error.message).toBe('400 Invalid: title: required');
  });

  it('say "plan" when nothing else is named as missing', () => {
    expect(notFound()).toMatchObject({
      status: 404,
      title: 'Not found',
      detail: 'There is no plan here that you can see.',
    });
    expect(notFound('action').detail).toBe('There is no action here that you can see.');
  });
});

describe('a write that lost a race', () => {
  it('answers 412 with the current state, saying the change was not saved', () => {
    const error = staleError('career plan', { aspiration: 'moveUp' });
    expect(error).toMatchObject({
      status: 412,
      title: 'Changed by someone else',
      detail:
        'The career plan changed since you read it. Your change was not saved; here is the current version to re-apply it to.',
      extra: { current: { aspiration: 'moveUp' } },
    });
  });

  it('passes a write that succeeded through', async () => {
    await expect(unlessStale(Promise.resolve('stored'), () => Promise.resolve(staleError('x', null)))).resolves.toBe(
      'stored',
    );
  });

  it('turns a stale ETag into the 412 the caller builds, from what was lost', async () => {
    const lost = new StaleEtagError('note');
    const error = await rejection(
      unlessStale(Promise.reject(lost), (stale) => Promise.resolve(staleError(stale.what, { text: 'theirs' }))),
    );
    expect(error).toMatchObject({ status: 412, extra: { current: { text: 'theirs' } } });
    expect((error as ApiError).detail).toMatch(/^The note changed/);
  });

  it('lets every other failure through unchanged', async () => {
    const failure = new Error('storage down');
    let asked = false;
    const error = await rejection(
      unlessStale(Promise.reject(failure), () => {
        asked = true;
        return Promise.resolve(staleError('x', null));
      }),
    );
    expect(error).toBe(failure);
    expect(asked).toBe(false);
  });
});

describe('JSON answers', () => {
  it('send JSON that no cache keeps, with extra headers when given', () => {
    expect(json(201, { id: 'a1' }, { Location: '/a1' })).toEqual({
      status: 201,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Location: '/a1' },
      body: '{"id":"a1"}',
    });
    expect(json(200, null).headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  it('carry an ETag only when there is one', () => {
    expect(withEtag('W/"1"')).toEqual({ ETag: 'W/"1"' });
    expect(withEtag(null)).toEqual({});
  });
});
