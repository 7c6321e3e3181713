import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../functions/src/contract';
import { ApiError, problemResponse, ruleError } from '../../functions/src/http/problem';

/** RFC 9457 problem types: no made-up domain, only a type a client can rely on. */
describe('problem details', () => {
  it('use about:blank, with a title and detail that say what went wrong', () => {
    const bodyOf = (error: ApiError) => {
      const { body } = problemResponse(error);
      if (typeof body !== 'string') throw new Error('A problem is sent as JSON text.');
      return ProblemSchema.parse(JSON.parse(body));
    };
    expect(bodyOf(new ApiError(404, 'Not found', 'There is no plan here that you can see.'))).toMatchObject({
      type: 'about:blank',
      status: 404,
      title: 'Not found',
    });
    const refused = bodyOf(
      ruleError({
        code: 'ownershipRule',
        title: 'The employee must own more actions',
        detail: 'The manager owns 2 actions and the employee 1.',
      }),
    );
    expect(refused).toMatchObject({ type: 'about:blank', status: 422, title: 'The employee must own more actions' });
    expect(JSON.stringify(refused)).not.toMatch(/\.example/);
  });
});
