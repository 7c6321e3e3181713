import { describe, expect, it } from 'vitest';
import {
  AGENDA_TEMPLATES,
  CONVERSATION_TYPES,
  REVIEW_SECTION_ID,
  isSectionOf,
  templateAgenda,
} from '../../functions/src/domain';

describe('agenda templates', () => {
  it('keeps the two conversations apart: no prompt appears in both', () => {
    const career = new Set(AGENDA_TEMPLATES.career.prompts.map((prompt) => prompt.text));
    expect(AGENDA_TEMPLATES.job.prompts.some((prompt) => career.has(prompt.text))).toBe(false);
  });

  it('gives every prompt a section of its own template, and every template a review section', () => {
    for (const type of CONVERSATION_TYPES) {
      const template = AGENDA_TEMPLATES[type];
      const sections = new Set(template.sections.map((section) => section.id));
      expect(sections.has(REVIEW_SECTION_ID)).toBe(true);
      for (const prompt of template.prompts) expect(sections.has(prompt.sectionId)).toBe(true);
      const ids = template.prompts.map((prompt) => prompt.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('orders job development as the talk flows: formal, then others, then on the job', () => {
    const order = AGENDA_TEMPLATES.job.sections.map((section) => section.id);
    expect(order.indexOf('formal')).toBeLessThan(order.indexOf('fromOthers'));
    expect(order.indexOf('fromOthers')).toBeLessThan(order.indexOf('onTheJob'));
  });

  it('makes the career scenario optional and says a career talk is not about pay or promotion', () => {
    const scenario = templateAgenda('career').find((item) => item.id === 'direction.scenario');
    expect(scenario?.optional).toBe(true);
    expect(templateAgenda('career').filter((item) => item.optional)).toHaveLength(1);
    expect(AGENDA_TEMPLATES.career.purpose).toMatch(/not about salary/);
  });

  it('offers every aspiration as equal, not only moving up', () => {
    const prompt = AGENDA_TEMPLATES.career.prompts.find((entry) => entry.id === 'direction.aspiration');
    expect(prompt?.text).toMatch(/grow in your role, move sideways, move up, change pace or scope, or keep exploring/);
  });

  it('accepts talking points in its own sections, never in the review section or the other type’s', () => {
    expect(isSectionOf('job', 'formal')).toBe(true);
    expect(isSectionOf('career', 'formal')).toBe(false);
    expect(isSectionOf('job', REVIEW_SECTION_ID)).toBe(false);
  });
});
