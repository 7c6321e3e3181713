import { describe, expect, it } from 'vitest';
import type { PlanExport } from '../../functions/src/contract';
import { exportToMarkdown, markdownText } from '../../functions/src/functions/export-markdown';

describe('text in the Markdown export', () => {
  it('keeps ordinary text readable: hyphens, dots and parentheses as written', () => {
    expect(markdownText('on-call 9.30 (team)')).toBe('on-call 9.30 (team)');
    expect(markdownText('Q&A with the C# team, 2.5 days - maybe!')).toBe('Q&A with the C# team, 2.5 days - maybe!');
  });

  it('escapes what would start a block where a line’s content begins', () => {
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('+ item')).toBe('\\+ item');
    expect(markdownText('1. x')).toBe('1\\. x');
    expect(markdownText('12) x')).toBe('12\\) x');
    expect(markdownText('> quoted')).toBe('\\> quoted');
    expect(markdownText('---')).toBe('\\---');
    expect(markdownText('===')).toBe('\\===');
    expect(markdownText('  - indented')).toBe('  \\- indented');
  });

  it('escapes what would start inline structure, anywhere', () => {
    expect(markdownText('**bold**')).toBe('\\*\\*bold\\*\\*');
    expect(markdownText('__bold__ and ~~gone~~')).toBe('\\_\\_bold\\_\\_ and \\~\\~gone\\~\\~');
    expect(markdownText('[link](x)')).toBe('\\[link\\](x)');
    expect(markdownText('![image](x)')).toBe('!\\[image\\](x)');
    expect(markdownText('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
    expect(markdownText('`code`')).toBe('\\`code\\`');
    expect(markdownText('a|b')).toBe('a\\|b');
    expect(markdownText('back\\slash')).toBe('back\\\\slash');
    expect(markdownText('&copy; &#169;')).toBe('\\&copy; \\&#169;');
    expect(markdownText('closing #')).toBe('closing \\#');
  });

  it('keeps one line one line, whatever a name holds', () => {
    expect(markdownText('Ava\n# Injected')).toBe('Ava \\# Injected');
    // Joined into one line, a bullet or a quote marker is mid-text, where Markdown reads it as written.
    expect(markdownText('Ava\r\n- item\u2028> quote')).toBe('Ava - item > quote');
  });

  it('cannot inject structure into the document: every line people wrote stays inside its own line', () => {
    const hostile = ['# heading', '- item', '1. x', '**bold**', '[link](x)', '<script>', 'on-call 9.30 (team)'];
    const plan: PlanExport = {
      exportedAt: '2026-03-02T10:00:00.000Z',
      role: 'employee',
      employee: { id: 'ava', displayName: '# Ava' },
      careerPlan: {
        aspiration: null,
        focusAreas: hostile,
        careerScenario: '> quote',
        updatedAt: null,
        etag: null,
      },
      conversations: [],
    };
    const lines = exportToMarkdown(plan).split('\n');
    expect(lines[0]).toBe('# Development plan of \\# Ava');
    expect(lines).toContain(
      '- Focus areas: \\# heading; \\- item; 1\\. x; \\*\\*bold\\*\\*; \\[link\\](x); \\<script>; on-call 9.30 (team)',
    );
    expect(lines).toContain('- Career scenario: \\> quote');
    // Only the export's own headings start a line with #.
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['# Development plan of \\# Ava', '## Career plan']);
  });
});
