import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputClassNames, selectClassNames } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';

/*
 * The sheet that lets inputs and selects grow with 200 % text names Fluent's classes by hand (it is plain CSS, so
 * that the page needs no CSS compiler): if Fluent renames one, the sheet would silently stop applying.
 */
const sheet = readFileSync(join(import.meta.dirname, '../../tab/src/components/text-size.css'), 'utf8');
const selectors = [...sheet.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/^([^\s{}][^{}]*)\{/gm)].map((match) =>
  match[1]!.trim(),
);

describe('the text-size style sheet', () => {
  it("targets Fluent's own class names for the input and the select, under the provider", () => {
    expect(selectors).toEqual([
      `.fui-FluentProvider .${inputClassNames.root}`,
      `.fui-FluentProvider .${inputClassNames.input}`,
      `.fui-FluentProvider .${selectClassNames.root}`,
      `.fui-FluentProvider .${selectClassNames.select}`,
    ]);
  });
});
