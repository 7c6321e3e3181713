import { describe, expect, it } from 'vitest';
import {
  AGENDA_TEMPLATES,
  ASPIRATIONS,
  ASPIRATION_NAMES,
  AUDIT_ACTION_WORDS,
  CHANGE_KINDS,
  CONVERSATION_TYPES,
  CONVERSATION_TYPE_NAMES,
  LEARNING_KINDS,
  LEARNING_KIND_NAMES,
  NUDGE_ACTIVITY_TYPES,
  REVIEW_SECTION_ID,
  TALKING_POINTS_SECTION_ID,
  sectionsOf,
  templateAgenda,
} from '../../functions/src/domain';

/**
 * The words people read on screen, in exports, in the audit trail and in notifications. Each list of
 * names is checked whole: every entry says something, and no two entries of a list say the same.
 */
function expectWords(words: readonly string[]): void {
  for (const text of words) expect(text.trim().length, `"${text}" is too short to read`).toBeGreaterThan(2);
  expect(new Set(words).size).toBe(words.length);
}

describe('the names people read', () => {
  it('name each conversation type, kind of learning and aspiration', () => {
    expect(Object.keys(CONVERSATION_TYPE_NAMES)).toEqual([...CONVERSATION_TYPES]);
    expectWords(Object.values(CONVERSATION_TYPE_NAMES));
    expect(CONVERSATION_TYPE_NAMES.job).toBe('Job development');
    expect(CONVERSATION_TYPE_NAMES.career).toBe('Career development');
    expect(Object.keys(LEARNING_KIND_NAMES)).toEqual([...LEARNING_KINDS]);
    expectWords(Object.values(LEARNING_KIND_NAMES));
    // The share each kind aims at goes with its name: 70-20-10.
    expect(LEARNING_KIND_NAMES.formal).toMatch(/\(10\)$/);
    expect(LEARNING_KIND_NAMES.fromOthers).toMatch(/\(20\)$/);
    expect(LEARNING_KIND_NAMES.onTheJob).toMatch(/\(70\)$/);
    expect(Object.keys(ASPIRATION_NAMES)).toEqual([...ASPIRATIONS]);
    expectWords(Object.values(ASPIRATION_NAMES));
  });

  it('say what each kind of change to a draft did, as read after a name, and each kind of audit entry', () => {
    expectWords(Object.values(CHANGE_KINDS));
    for (const words of Object.values(CHANGE_KINDS)) expect(words).toMatch(/^[a-z]/);
    expectWords(Object.values(AUDIT_ACTION_WORDS));
    for (const words of Object.values(AUDIT_ACTION_WORDS)) expect(words).toMatch(/^[a-z]/);
  });

  it('describe each activity type, with a template that says something around its placeholders', () => {
    for (const { description, templateText } of Object.values(NUDGE_ACTIVITY_TYPES)) {
      expectWords([description]);
      expect(templateText.replace(/\{\w+\}/g, '').trim().length).toBeGreaterThan(10);
    }
  });
});

describe('the agenda templates’ words', () => {
  it.each(CONVERSATION_TYPES)(
    'give the %s template a title, a purpose, and every section a title and a hint',
    (type) => {
      const template = AGENDA_TEMPLATES[type];
      expect(template.type).toBe(type);
      expectWords([template.title, template.purpose]);
      expectWords(template.sections.map((section) => section.title));
      expectWords(template.sections.map((section) => section.hint));
      expectWords(template.sections.map((section) => section.id));
      expect(sectionsOf(type)).toBe(template.sections);
    },
  );

  it.each(CONVERSATION_TYPES)(
    'give every prompt of the %s template words of its own, under an id of its section',
    (type) => {
      const prompts = AGENDA_TEMPLATES[type].prompts;
      expectWords(prompts.map((prompt) => prompt.text));
      for (const prompt of prompts) expect(prompt.id.split('.')[0]).toBe(prompt.sectionId);
    },
  );

  it('say what each conversation is for, whose it is, and what a career talk is not', () => {
    expect(AGENDA_TEMPLATES.career.purpose).toBe(
      'The long view of your working life: what you want to do, become, keep or change. ' +
        'You own this plan; your manager supports it. It is not about salary and it does not promise a promotion.',
    );
    expect(AGENDA_TEMPLATES.job.purpose).toBe(
      'Getting better in your current role this year. Expected of every manager and employee on a regular cadence; ' +
        'you drive it, your manager supports it.',
    );
  });

  it('share the review and talking point sections between both templates, word for word', () => {
    const [career, job] = CONVERSATION_TYPES.map((type) => sectionsOf(type));
    for (const id of [REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID]) {
      expect(career!.find((section) => section.id === id)).toEqual(job!.find((section) => section.id === id));
    }
  });

  it('start every agenda undiscussed, from the template, required unless the prompt says optional', () => {
    for (const type of CONVERSATION_TYPES) {
      const agenda = templateAgenda(type);
      expect(agenda.map((item) => item.id)).toEqual(AGENDA_TEMPLATES[type].prompts.map((prompt) => prompt.id));
      for (const item of agenda) {
        expect(item).toMatchObject({ source: 'template', discussed: false });
        expect(item.optional).toBe(item.id === 'direction.scenario');
      }
    }
  });
});
