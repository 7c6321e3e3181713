import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerOrNull, checkAnswer, hasKeys } from '../../tab/src/api/contract-check';

const TAB_SRC = resolve(import.meta.dirname, '../../tab/src');

/** Every .ts/.tsx file under a folder. */
function sourcesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The modules a file imports or re-exports values from (type-only and dynamic imports aside). */
function valueImportsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';/gms)].map((match) => match[1]!);
}

/** A relative import resolved to its file. */
function resolved(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const file = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`Cannot resolve ${specifier} from ${from}.`);
  return file;
}

/** Whether a module, or any module it imports values from, imports zod. */
function bringsZod(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return valueImportsOf(file).some((specifier) =>
    specifier.startsWith('.') ? bringsZod(resolved(file, specifier), seen) : /^zod(\/|$)/.test(specifier),
  );
}

describe('the tab and the contract', () => {
  it('checks answers against the contract in tests', () => {
    expect(() => checkAnswer((contract) => contract.MeResponseSchema, { user: 'not a person' })).toThrow();
    expect(
      answerOrNull((contract) => contract.CareerPlanSchema, { aspiration: 42 }, ['focusAreas', 'etag']),
    ).toBeNull();
  });

  it('tells the current action of a 412 from a current conversation view where answers are not checked', () => {
    // A production build has no schemas: an action's `current` must never pass for a whole conversation view.
    const action = { id: 'a1', conversationId: 'c', title: 'x', owner: 'employee', status: 'open', etag: 'W/"1"' };
    expect(hasKeys(action, ['conversation', 'sections', 'actions'])).toBe(false);
    expect(hasKeys(action, ['id', 'conversationId', 'title', 'owner', 'status', 'etag'])).toBe(true);
    expect(hasKeys(null, ['id'])).toBe(false);
    expect(hasKeys('text', ['length'])).toBe(false);
  });

  it('takes values from functions/ only out of modules without zod, so zod stays out of its bundle', () => {
    const offenders = sourcesIn(TAB_SRC).flatMap((file) =>
      valueImportsOf(file)
        .filter((specifier) => specifier.includes('functions/src/'))
        .filter((specifier) => bringsZod(resolved(file, specifier)))
        .map((specifier) => `${relative(TAB_SRC, file)} → ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
