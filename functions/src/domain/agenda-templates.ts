import * as z from 'zod';
import type { AgendaItem, ConversationType } from './model';
import { REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID } from './vocabulary';

// The two fixed sections' ids are vocabulary (zod-free, for the tab); they stay exported from here too.
export { REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID } from './vocabulary';

export const AgendaSectionModel = z.object({
  id: z.string(),
  title: z.string(),
  /** One line under the title that says what the section is for. */
  hint: z.string(),
});
export type AgendaSection = z.infer<typeof AgendaSectionModel>;

export interface TemplatePrompt {
  id: string;
  sectionId: string;
  text: string;
  optional?: boolean;
}

export interface AgendaTemplate {
  type: ConversationType;
  title: string;
  purpose: string;
  sections: AgendaSection[];
  prompts: TemplatePrompt[];
}

const reviewSection: AgendaSection = {
  id: REVIEW_SECTION_ID,
  title: 'Actions from last time',
  hint: 'Go through what you agreed before: mark each done, keep it open or drop it.',
};

const talkingPointsSection: AgendaSection = {
  id: TALKING_POINTS_SECTION_ID,
  title: 'Talking points',
  hint: 'Anything either of you wants to bring up.',
};

const career: AgendaTemplate = {
  type: 'career',
  title: 'Career development conversation',
  purpose:
    'The long view of your working life: what you want to do, become, keep or change. ' +
    'You own this plan; your manager supports it. It is not about salary and it does not promise a promotion.',
  sections: [
    {
      id: 'checkIn',
      title: 'How you are doing',
      hint: 'Start with the person. Stay curious and ask why before giving advice.',
    },
    reviewSection,
    {
      id: 'whatMatters',
      title: 'What matters to you',
      hint: 'Open questions about the whole person, not the job title.',
    },
    {
      id: 'direction',
      title: 'Where you want to go',
      hint: 'Every direction is valid: growing in place, sideways, up, a change of pace, or still exploring.',
    },
    { id: 'explore', title: 'Exploring ahead', hint: 'An exercise to do between talks.' },
    {
      id: 'focus',
      title: 'Focus areas',
      hint: 'Three or four long-term areas that will steer your job-development plan.',
    },
    { id: 'brand', title: 'Brand and reputation', hint: 'What you are known for, and how you do your work.' },
    { id: 'network', title: 'Network', hint: 'Who beyond your manager can help, and what you can offer them.' },
    { id: 'expectations', title: 'Honest expectations', hint: 'What this conversation can and cannot promise.' },
    talkingPointsSection,
  ],
  prompts: [
    {
      id: 'checkIn.energy',
      sectionId: 'checkIn',
      text: 'How are things going? Which parts of your work give you energy at the moment, and which drain it?',
    },
    {
      id: 'whatMatters.passion',
      sectionId: 'whatMatters',
      text: 'Which work are you passionate about, and do you get to do it now?',
    },
    {
      id: 'whatMatters.lovedJob',
      sectionId: 'whatMatters',
      text: 'When did you last love your job? What were you doing then?',
    },
    { id: 'whatMatters.bestDay', sectionId: 'whatMatters', text: 'Describe your best day at work.' },
    { id: 'whatMatters.values', sectionId: 'whatMatters', text: 'What do you value at work, and what motivates you?' },
    {
      id: 'whatMatters.hiddenSkills',
      sectionId: 'whatMatters',
      text: 'Which of your skills does your manager not know about yet?',
    },
    {
      id: 'direction.horizon',
      sectionId: 'direction',
      text: 'Where would you like to be in a year, and further out? Does your current job lead there?',
    },
    {
      id: 'direction.aspiration',
      sectionId: 'direction',
      text: 'Which direction fits you now: grow in your role, move sideways, move up, change pace or scope, or keep exploring?',
    },
    {
      id: 'direction.scenario',
      sectionId: 'direction',
      text: 'If a concrete role comes to mind, name it as a career scenario.',
      optional: true,
    },
    {
      id: 'explore.openings',
      sectionId: 'explore',
      text: 'Look at openings a few levels ahead of yours. Note the skills and experience they ask for, mark the ones you want to build and the ones you lack, and bring the gaps next time.',
    },
    { id: 'focus.areas', sectionId: 'focus', text: 'Agree three or four focus areas for the years ahead.' },
    {
      id: 'brand.knownFor',
      sectionId: 'brand',
      text: 'What are you known for doing? How can that work become more visible?',
    },
    {
      id: 'brand.reputation',
      sectionId: 'brand',
      text: 'How do others experience the way you work: reliability, behaviour, attitude? Share honest feedback both ways.',
    },
    {
      id: 'network.who',
      sectionId: 'network',
      text: 'Who could help you, and what could you offer them in return? Whom can your manager introduce you to?',
    },
    {
      id: 'expectations.limits',
      sectionId: 'expectations',
      text: 'Be open about limits: this talk does not guarantee a promotion or a new role.',
    },
  ],
};

const job: AgendaTemplate = {
  type: 'job',
  title: 'Job development conversation',
  purpose:
    'Getting better in your current role this year. Expected of every manager and employee on a regular cadence; ' +
    'you drive it, your manager supports it.',
  sections: [
    reviewSection,
    {
      id: 'goals',
      title: "This year's goals",
      hint: 'The goals and objectives for this year, and what you need to learn to reach them.',
    },
    {
      id: 'formal',
      title: 'Formal learning (10)',
      hint: 'Courses, workshops, conferences, reading, e-learning, webinars, certifications.',
    },
    {
      id: 'fromOthers',
      title: 'Learning from others (20)',
      hint: 'Coaching and feedback, a mentor, shadowing, peer groups, networking.',
    },
    {
      id: 'onTheJob',
      title: 'Learning on the job (70)',
      hint: 'Stretch assignments, special projects, rotations, covering for someone, volunteering.',
    },
    talkingPointsSection,
  ],
  prompts: [
    { id: 'goals.objectives', sectionId: 'goals', text: 'Which goals and objectives matter most this year?' },
    {
      id: 'goals.learn',
      sectionId: 'goals',
      text: 'What do you need to learn to reach them? Which focus areas from your career plan does this serve?',
    },
    {
      id: 'formal.needed',
      sectionId: 'formal',
      text: 'Is any formal learning needed? Which course, certification or reading, and by when?',
    },
    {
      id: 'fromOthers.who',
      sectionId: 'fromOthers',
      text: 'Who else is involved: a mentor, a coach, a peer who will support you and give feedback?',
    },
    { id: 'onTheJob.apply', sectionId: 'onTheJob', text: 'Which real assignment will put the learning to work?' },
  ],
};

export const AGENDA_TEMPLATES: Record<ConversationType, AgendaTemplate> = { career, job };

export function sectionsOf(type: ConversationType): AgendaSection[] {
  return AGENDA_TEMPLATES[type].sections;
}

export function isSectionOf(type: ConversationType, sectionId: string): boolean {
  return AGENDA_TEMPLATES[type].sections.some(
    (section) => section.id === sectionId && section.id !== REVIEW_SECTION_ID,
  );
}

/** The agenda a new conversation starts with, before any carried actions. */
export function templateAgenda(type: ConversationType): AgendaItem[] {
  return AGENDA_TEMPLATES[type].prompts.map((prompt) => ({
    id: prompt.id,
    sectionId: prompt.sectionId,
    text: prompt.text,
    source: 'template',
    optional: prompt.optional ?? false,
    discussed: false,
  }));
}
