import type { z } from 'zod';
import type * as Contract from '../../../functions/src/contract';

/*
 * The tab checks the API's answers against the contract's zod schemas in development and tests only. A production
 * build replaces `import.meta.env.DEV` with false, so the import below, and zod and the schemas with it (28 KiB of the
 * side panel's 196 KiB of gzip JavaScript), never reach the bundle: there the tab trusts its own API, which builds
 * every answer from the same schemas (the integration tests parse them). Schemas are named by a function that picks
 * them out of the contract.
 */
const contract: typeof Contract | null = import.meta.env.DEV ? await import('../../../functions/src/contract') : null;

/** Picks an answer's schema out of the contract, which is loaded only where answers are checked. */
export type AnswerSchema<T> = (schemas: typeof Contract) => z.ZodType<T>;

export function answerSchema<T>(pick: AnswerSchema<T>): AnswerSchema<T> {
  return pick;
}

/** The answer as the contract types it; where answers are checked, one that does not match throws. */
export function checkAnswer<T>(schema: AnswerSchema<T>, answer: unknown): T {
  return contract ? schema(contract).parse(answer) : (answer as T);
}

/**
 * The answer when it is one of these; otherwise null. Where answers are not checked, an object passes when it has
 * every one of `keys`: enough to tell apart the kinds of `current` a 412 carries (a conversation view, an action, a
 * note, a career plan), so that one is never taken for another.
 */
export function answerOrNull<T>(schema: AnswerSchema<T>, answer: unknown, keys: readonly string[]): T | null {
  if (contract) {
    const parsed = schema(contract).safeParse(answer);
    return parsed.success ? parsed.data : null;
  }
  return hasKeys(answer, keys) ? (answer as T) : null;
}

/** Whether an answer is an object with every one of `keys`: how a production build tells kinds of answers apart. */
export function hasKeys(answer: unknown, keys: readonly string[]): boolean {
  return typeof answer === 'object' && answer !== null && keys.every((key) => key in answer);
}
