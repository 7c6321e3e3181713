import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  AuditQuerySchema,
  ClientFailureReportSchema,
  ExportQuerySchema,
  HistoryQuerySchema,
  LinkMeetingRequestSchema,
  PreparePointRequestSchema,
  PutCareerPlanRequestSchema,
  PutNextConversationRequestSchema,
  PutNoteRequestSchema,
  ResolveMeetingQuerySchema,
  StartConversationRequestSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
} from '../../functions/src/contract';
import { withWellFormedText } from '../../functions/src/functions/export-text';

const BROKEN_TEXT = 'This text contains a broken character (half of a UTF-16 surrogate pair). Type it again.';
const BROKEN_ID = 'This id contains a broken character (half of a UTF-16 surrogate pair).';

/** Lone halves of a surrogate pair, alone, inside text, and where an emoji was cut in two. */
const LONE = ['\ud800', '\udc00', 'a\ud800b', 'plan \udfff', '😀'.slice(0, 1), `x${'😀'.slice(1)}`];

interface Field {
  schema: z.ZodType;
  valid: Record<string, unknown>;
  /** Where the text goes, as the API names it in `errors[].field`. */
  path: string;
  put: (text: string) => Record<string, unknown>;
  message: string | null;
}

const free = (schema: z.ZodType, valid: Record<string, unknown>, key: string): Field => ({
  schema,
  valid,
  path: key,
  put: (text) => ({ ...valid, [key]: text }),
  message: BROKEN_TEXT,
});

const action = { title: 'Pair on the release', owner: 'employee' };
const link = {
  meetingId: 'm-1',
  employeeId: '1b976e1c-64da-4465-8cb7-d4d3904a8c59',
  conversationId: '9999999999999abcdef',
};

/** Every string a request body or query carries. Free text and Teams ids say why; ids, enums and dates refuse it too. */
const FIELDS: Field[] = [
  free(AddTalkingPointRequestSchema, { text: 'A point' }, 'text'),
  { ...free(AddTalkingPointRequestSchema, { text: 'A point' }, 'sectionId'), message: null },
  free(UpdateAgendaItemRequestSchema, { text: 'x' }, 'text'),
  free(UpdateAgendaItemRequestSchema, { note: 'x' }, 'note'),
  { ...free(UpdateAgendaItemRequestSchema, { proposal: 'done' }, 'proposal'), message: null },
  free(AddActionRequestSchema, action, 'title'),
  free(AddActionRequestSchema, action, 'focusArea'),
  { ...free(AddActionRequestSchema, action, 'owner'), message: null },
  { ...free(AddActionRequestSchema, action, 'dueDate'), message: null },
  free(UpdateActionRequestSchema, { title: 'x' }, 'title'),
  free(UpdateActionRequestSchema, { focusArea: 'x' }, 'focusArea'),
  free(PutNoteRequestSchema, { text: 'x' }, 'text'),
  free(PreparePointRequestSchema, { text: 'x' }, 'text'),
  free(PutCareerPlanRequestSchema, { aspiration: null, focusAreas: [], careerScenario: null }, 'careerScenario'),
  {
    schema: PutCareerPlanRequestSchema,
    valid: { aspiration: null, focusAreas: ['Testing'], careerScenario: null },
    path: 'focusAreas.1',
    put: (text) => ({ aspiration: null, focusAreas: ['Testing', text], careerScenario: null }),
    message: BROKEN_TEXT,
  },
  {
    ...free(PutCareerPlanRequestSchema, { aspiration: null, focusAreas: [], careerScenario: null }, 'aspiration'),
    message: null,
  },
  { ...free(StartConversationRequestSchema, { type: 'job' }, 'meetingId'), message: BROKEN_ID },
  { ...free(StartConversationRequestSchema, { type: 'job' }, 'chatId'), message: BROKEN_ID },
  { ...free(LinkMeetingRequestSchema, link, 'meetingId'), message: BROKEN_ID },
  { ...free(LinkMeetingRequestSchema, link, 'chatId'), message: BROKEN_ID },
  { ...free(LinkMeetingRequestSchema, link, 'employeeId'), message: null },
  { ...free(LinkMeetingRequestSchema, link, 'conversationId'), message: null },
  { ...free(ResolveMeetingQuerySchema, { meetingId: 'm-1' }, 'meetingId'), message: BROKEN_ID },
  { ...free(ResolveMeetingQuerySchema, { meetingId: 'm-1' }, 'chatId'), message: BROKEN_ID },
  { ...free(PutNextConversationRequestSchema, { date: null, type: null }, 'date'), message: null },
  { ...free(HistoryQuerySchema, {}, 'continuation'), message: null },
  { ...free(HistoryQuerySchema, {}, 'pageSize'), message: null },
  { ...free(AuditQuerySchema, {}, 'continuation'), message: null },
  { ...free(ExportQuerySchema, {}, 'format'), message: null },
  {
    ...free(ClientFailureReportSchema, { surface: 'sidepanel', errorName: 'TypeError', components: [] }, 'errorName'),
    message: null,
  },
];

describe('text is well-formed Unicode, in every field of every request', () => {
  it.each(FIELDS.map((field) => [`${field.path} (${FIELDS.indexOf(field)})`, field] as const))(
    'refuses a lone surrogate in %s, naming the field',
    (_, field) => {
      expect(field.schema.safeParse(field.valid).success).toBe(true);
      for (const text of LONE) {
        const result = field.schema.safeParse(field.put(text));
        expect(result.success, JSON.stringify(text)).toBe(false);
        const issues = result.error?.issues ?? [];
        const here = issues.filter((issue) => issue.path.map(String).join('.') === field.path);
        expect(here.length, JSON.stringify(issues)).toBeGreaterThan(0);
        // One reason, the right one: a broken character is not also called empty or too long.
        if (field.message) expect(here.map((issue) => issue.message)).toEqual([field.message]);
      }
    },
  );

  it('accepts whole pairs: emoji, flags, skin tones and joined sequences', () => {
    for (const text of ['😀', '🇫🇷 and 🇩🇪', '👩🏽‍💻 pairing', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢']) {
      expect(AddTalkingPointRequestSchema.safeParse({ text }).success, text).toBe(true);
      expect(PutNoteRequestSchema.safeParse({ text: `${text}\n${text}` }).success, text).toBe(true);
    }
  });
});

describe('the exports’ text', () => {
  it('turns a lone surrogate stored before the policy into U+FFFD, everywhere in the export, and nothing else', () => {
    const stored = {
      name: 'Ava\ud800',
      list: ['ok 😀', '\udc00 alone', { deep: ['x\ud83d'] }],
      count: 3,
      none: null,
      flag: true,
    };
    expect(withWellFormedText(stored)).toEqual({
      name: 'Ava\ufffd',
      list: ['ok 😀', '\ufffd alone', { deep: ['x\ufffd'] }],
      count: 3,
      none: null,
      flag: true,
    });
  });
});
