import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  ActionIdSchema,
  AddActionRequestSchema,
  AddTalkingPointRequestSchema,
  AgendaItemIdSchema,
  AuditQuerySchema,
  ClientFailureReportSchema,
  ConfirmRequestSchema,
  ConversationIdSchema,
  DateOnlySchema,
  ExportQuerySchema,
  GuidSchema,
  HistoryQuerySchema,
  LinkMeetingRequestSchema,
  MAX_TEAMS_ID_BYTES,
  PreparePointRequestSchema,
  PreparedPointIdSchema,
  PutCareerPlanRequestSchema,
  PutNextConversationRequestSchema,
  PutNoteRequestSchema,
  PutNudgePreferencesRequestSchema,
  ResolveMeetingQuerySchema,
  SectionIdSchema,
  StartConversationRequestSchema,
  TEXT_LIMITS,
  TeamsIdSchema,
  UpdateActionRequestSchema,
  UpdateAgendaItemRequestSchema,
  characterCount,
  lineText,
  longText,
} from '../../functions/src/contract';

/** What a client is told when a value is refused: each issue's path and message. */
function refusals(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`Expected ${JSON.stringify(value)} to be refused.`);
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** The one message a refused value gets. */
function messageFor(schema: z.ZodType, value: unknown): string {
  const issues = refusals(schema, value);
  expect(issues).toHaveLength(1);
  return issues[0]!.message;
}

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

/** One character outside the Basic Multilingual Plane: one character to a person, two UTF-16 units. */
const EMOJI = '🌱';

describe('ids in paths and bodies', () => {
  it('takes Entra ids as GUIDs in lower case, and tells what an id looks like otherwise', () => {
    expect(GuidSchema.parse('1B976E1C-64DA-4465-8CB7-D4D3904A8C59')).toBe('1b976e1c-64da-4465-8cb7-d4d3904a8c59');
    expect(messageFor(GuidSchema, 'morgan')).toBe('Expected an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.');
    const guid = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
    for (const id of [`x${guid}`, `${guid}0`, `${guid} `]) expect(accepts(GuidSchema, id)).toBe(false);
  });

  it('takes conversation ids of 13 digits and 6 lower-case letters or digits', () => {
    expect(accepts(ConversationIdSchema, '8000000000000abc123')).toBe(true);
    expect(messageFor(ConversationIdSchema, '8000000000000ABC123')).toBe('This is not a conversation id.');
    for (const id of ['x8000000000000abc123', '8000000000000abc1234', '800000000000abc123']) {
      expect(accepts(ConversationIdSchema, id)).toBe(false);
    }
  });

  it('takes action ids of "a" and one to three digits, nothing around them', () => {
    for (const id of ['a1', 'a25', 'a999']) expect(accepts(ActionIdSchema, id)).toBe(true);
    for (const id of ['a', 'a1000', 'xa1', 'a1x', 'ab', 'a 1']) expect(accepts(ActionIdSchema, id)).toBe(false);
    expect(messageFor(ActionIdSchema, 'a1000')).toBe('This is not an action id.');
  });

  it('takes agenda item ids as a section-like name, optionally a dot and a short name or number', () => {
    for (const id of ['review', 'checkIn', 'point.12', 'carried.3', `${'a'.repeat(20)}.${'b'.repeat(20)}`]) {
      expect(accepts(AgendaItemIdSchema, id)).toBe(true);
    }
    for (const id of [
      '',
      '.x',
      'a.b.c',
      'a'.repeat(21),
      `a.${'b'.repeat(21)}`,
      'point.',
      'point.1!',
      '1abc',
      'x.y z',
    ]) {
      expect(accepts(AgendaItemIdSchema, id)).toBe(false);
    }
    expect(messageFor(AgendaItemIdSchema, 'a.b.c')).toBe('This is not an agenda item id.');
  });

  it('takes prepared point ids of "p" and eight lower-case hexadecimal digits', () => {
    expect(accepts(PreparedPointIdSchema, 'p0123abcd')).toBe(true);
    for (const id of ['p0123abc', 'p0123abcde', 'xp0123abcd', 'p0123ABCD', 'p0123abcg', 'p']) {
      expect(accepts(PreparedPointIdSchema, id)).toBe(false);
    }
    expect(messageFor(PreparedPointIdSchema, 'p1')).toBe('This is not a prepared point id.');
  });

  it('takes section ids of up to 20 letters', () => {
    expect(accepts(SectionIdSchema, 'talkingPoints')).toBe(true);
    expect(accepts(SectionIdSchema, 'a'.repeat(20))).toBe(true);
    for (const id of ['', 'a'.repeat(21), 'talking.points', 'x1', '1x', ' x']) {
      expect(accepts(SectionIdSchema, id)).toBe(false);
    }
    expect(messageFor(SectionIdSchema, 'x1')).toBe('This is not a section id.');
  });

  it('takes Teams ids up to 600 bytes of UTF-8, with no control characters', () => {
    const twoByteCharacters = 'é'.repeat(MAX_TEAMS_ID_BYTES / 2);
    expect(accepts(TeamsIdSchema, '19:meeting_abc/+=@thread.v2')).toBe(true);
    expect(accepts(TeamsIdSchema, twoByteCharacters)).toBe(true);
    expect(messageFor(TeamsIdSchema, `${twoByteCharacters}x`)).toBe('This id is too long.');
    expect(messageFor(TeamsIdSchema, '')).toBe('This id is empty.');
    expect(messageFor(TeamsIdSchema, '19:meeting\u0000')).toBe('This id contains control characters.');
  });

  it('takes calendar days that exist', () => {
    expect(accepts(DateOnlySchema, '2028-02-29')).toBe(true);
    expect(messageFor(DateOnlySchema, '2026-02-30')).toBe('Use a date like 2026-03-31.');
  });
});

describe('one line of text', () => {
  const line = lineText(10);

  it('is stored in Unicode NFC, trimmed', () => {
    expect(line.parse('  cafe\u0301 ')).toBe('café');
  });

  it('counts characters as people do, up to and including the cap', () => {
    expect(characterCount(EMOJI.repeat(10))).toBe(10);
    expect(line.parse(EMOJI.repeat(10))).toBe(EMOJI.repeat(10));
    expect(messageFor(line, EMOJI.repeat(11))).toBe('Keep this under 10 characters.');
  });

  it('refuses text that is only spaces or invisible characters', () => {
    expect(messageFor(line, ' \u200b\u00a0 ')).toBe('Write something here.');
  });

  it('refuses line breaks, control characters and direction overrides, each in its own words', () => {
    expect(messageFor(line, 'one\u2028two')).toBe('Keep this on one line.');
    expect(messageFor(line, 'one\ntwo')).toBe('Remove the control characters from this text.');
    expect(messageFor(line, 'bell\u0007')).toBe('Remove the control characters from this text.');
    expect(messageFor(line, 'abc\u202Edef')).toBe('Remove the hidden text-direction characters from this text.');
    expect(messageFor(line, 'abc\u2066def')).toBe('Remove the hidden text-direction characters from this text.');
  });

  it('keeps the ordinary direction marks', () => {
    expect(line.parse('abc\u200Fdef')).toBe('abc\u200Fdef');
  });
});

describe('text over several lines (notes)', () => {
  const note = longText(10);

  it('keeps line breaks and tabs, and makes every kind of line break one \\n', () => {
    expect(note.parse('a\tb\nc')).toBe('a\tb\nc');
    expect(note.parse('a\r\nb\rc\u2028d\u2029e')).toBe('a\nb\nc\nd\ne');
  });

  it('is stored in Unicode NFC, and text of only invisible characters is empty', () => {
    expect(note.parse('cafe\u0301')).toBe('café');
    expect(note.parse(' \n\u200b\t ')).toBe('');
  });

  it('counts characters up to and including the cap', () => {
    expect(note.parse(EMOJI.repeat(10))).toBe(EMOJI.repeat(10));
    expect(messageFor(note, EMOJI.repeat(11))).toBe('Keep this under 10 characters.');
  });

  it('refuses other control characters and direction overrides', () => {
    expect(messageFor(note, 'bell\u0007')).toBe('Remove the control characters from this text.');
    expect(messageFor(note, 'abc\u202Adef')).toBe('Remove the hidden text-direction characters from this text.');
  });
});

const GUID = '1b976e1c-64da-4465-8cb7-d4d3904a8c59';
const CONVERSATION = '8000000000000abc123';

describe('request bodies', () => {
  it('start a conversation of one type, optionally in a meeting, and nothing else', () => {
    const body = { type: 'career', meetingId: '19:meeting_abc@thread.v2', chatId: '19:chat' };
    expect(StartConversationRequestSchema.parse(body)).toEqual(body);
    expect(messageFor(StartConversationRequestSchema, { type: 'performance' })).toBe(
      'Choose career or job development.',
    );
    expect(refusals(StartConversationRequestSchema, { type: 'job', employeeId: GUID })[0]!.path).toBe('');
  });

  it('add a talking point, to a section if the person chooses one', () => {
    const body = { text: 'Conference talk', sectionId: 'talkingPoints' };
    expect(AddTalkingPointRequestSchema.parse(body)).toEqual(body);
    expect(accepts(AddTalkingPointRequestSchema, { text: 'x'.repeat(TEXT_LIMITS.talkingPoint + 1) })).toBe(false);
  });

  it('change one thing of an agenda item at a time', () => {
    for (const body of [{ discussed: true }, { proposal: 'done' }, { proposal: null }, { note: '' }, { text: 'x' }]) {
      expect(UpdateAgendaItemRequestSchema.parse(body)).toEqual(body);
    }
    const oneOf = 'Send one of "discussed", "proposal", "note" or "text".';
    expect(messageFor(UpdateAgendaItemRequestSchema, {})).toBe(oneOf);
    expect(messageFor(UpdateAgendaItemRequestSchema, { discussed: true, note: 'x' })).toBe(oneOf);
    expect(messageFor(UpdateAgendaItemRequestSchema, { discussed: 'yes' })).toBe('Say true or false.');
    expect(messageFor(UpdateAgendaItemRequestSchema, { proposal: 'maybe' })).toBe('Propose open, done or dropped.');
  });

  it('add an action with an owner and, when given, a kind of learning, a due date and a focus area', () => {
    const body = {
      title: 'Pair on the release',
      owner: 'employee',
      learningKind: 'fromOthers',
      dueDate: '2026-05-01',
      focusArea: 'Delivery',
    };
    expect(AddActionRequestSchema.parse(body)).toEqual(body);
    expect(messageFor(AddActionRequestSchema, { ...body, owner: 'team' })).toBe(
      'Choose who owns the action: employee or manager.',
    );
    expect(messageFor(AddActionRequestSchema, { ...body, learningKind: 'reading' })).toBe(
      'Choose formal, fromOthers or onTheJob.',
    );
  });

  it('edit an action: at least one field, null clearing an optional one', () => {
    const body = { title: 'New title', owner: 'manager', learningKind: null, dueDate: null, focusArea: null };
    expect(UpdateActionRequestSchema.parse(body)).toEqual(body);
    expect(UpdateActionRequestSchema.parse({ status: 'dropped' })).toEqual({ status: 'dropped' });
    expect(messageFor(UpdateActionRequestSchema, {})).toBe('Send at least one field to change.');
    expect(messageFor(UpdateActionRequestSchema, { status: 'finished' })).toBe('Choose open, done or dropped.');
    expect(messageFor(UpdateActionRequestSchema, { owner: 'both' })).toBe(
      'Choose who owns the action: employee or manager.',
    );
    expect(messageFor(UpdateActionRequestSchema, { learningKind: 'book' })).toBe(
      'Choose formal, fromOthers or onTheJob.',
    );
  });

  it('write a private note of up to 4,000 characters', () => {
    expect(PutNoteRequestSchema.parse({ text: 'Line one\nLine two' })).toEqual({ text: 'Line one\nLine two' });
    expect(accepts(PutNoteRequestSchema, { text: 'x'.repeat(TEXT_LIMITS.note + 1) })).toBe(false);
  });

  it('write the career plan with at most four focus areas', () => {
    const plan = { aspiration: 'moveSideways', focusAreas: ['a', 'b', 'c', 'd'], careerScenario: null };
    expect(PutCareerPlanRequestSchema.parse(plan)).toEqual(plan);
    expect(messageFor(PutCareerPlanRequestSchema, { ...plan, focusAreas: ['a', 'b', 'c', 'd', 'e'] })).toBe(
      'Keep to at most 4 focus areas.',
    );
    expect(messageFor(PutCareerPlanRequestSchema, { ...plan, aspiration: 'becomeCeo' })).toBe(
      'Choose one of the listed aspirations.',
    );
  });

  it('link a meeting to a conversation, and look a meeting up', () => {
    const link = { meetingId: 'm', chatId: 'c', employeeId: GUID, conversationId: CONVERSATION };
    expect(LinkMeetingRequestSchema.parse(link)).toEqual(link);
    expect(ResolveMeetingQuerySchema.parse({ meetingId: 'm', chatId: 'c' })).toEqual({ meetingId: 'm', chatId: 'c' });
  });

  it('confirm a revision: a whole number from 0', () => {
    expect(ConfirmRequestSchema.parse({ revision: 0 })).toEqual({ revision: 0 });
    expect(ConfirmRequestSchema.parse({ revision: 7 })).toEqual({ revision: 7 });
    expect(accepts(ConfirmRequestSchema, { revision: -1 })).toBe(false);
    expect(accepts(ConfirmRequestSchema, { revision: 1.5 })).toBe(false);
    expect(messageFor(ConfirmRequestSchema, { revision: '3' })).toBe('Send the revision you agree to.');
  });

  it('prepare a point for the next conversation of one kind, or either (null by default)', () => {
    expect(PreparePointRequestSchema.parse({ text: 'Mentoring' })).toEqual({ text: 'Mentoring', type: null });
    expect(PreparePointRequestSchema.parse({ text: 'x', type: 'job' })).toEqual({ text: 'x', type: 'job' });
    expect(messageFor(PreparePointRequestSchema, { text: 'x', type: 'any' })).toBe(
      'Choose career, job, or leave it out for either.',
    );
  });

  it('set or clear the next conversation', () => {
    const next = { date: '2026-06-01', type: 'career' };
    expect(PutNextConversationRequestSchema.parse(next)).toEqual(next);
    expect(PutNextConversationRequestSchema.parse({ date: null, type: null })).toEqual({ date: null, type: null });
    expect(messageFor(PutNextConversationRequestSchema, { ...next, type: 'any' })).toBe(
      'Choose career, job, or null when either.',
    );
  });

  it('choose every kind of nudge and the digest day, all at once', () => {
    const choice = {
      actionDueSoon: true,
      actionOverdue: false,
      jobDevelopmentOverdue: true,
      jobDevelopmentReminder: false,
      prepareTalkingPoints: true,
      confirmationWaiting: false,
      weeklyDigest: true,
      digestDay: 'friday',
    };
    expect(PutNudgePreferencesRequestSchema.parse(choice)).toEqual(choice);
    expect(messageFor(PutNudgePreferencesRequestSchema, { ...choice, weeklyDigest: 'yes' })).toBe(
      'Say true (on) or false (off).',
    );
    expect(messageFor(PutNudgePreferencesRequestSchema, { ...choice, digestDay: 'someday' })).toBe(
      'Choose a day of the week, monday to sunday.',
    );
  });

  it('report a failure to draw by surface and names only, at most 8 components', () => {
    for (const surface of ['sidepanel', 'myplan', 'team', 'config']) {
      const report = { surface, errorName: 'TypeError', components: ['SidePanel', 'Agenda_Item$1'] };
      expect(ClientFailureReportSchema.parse(report)).toEqual(report);
    }
    const report = { surface: 'team', errorName: 'TypeError', components: [] };
    expect(messageFor(ClientFailureReportSchema, { ...report, surface: 'settings' })).toBe(
      'Name the surface that failed.',
    );
    expect(accepts(ClientFailureReportSchema, { ...report, errorName: `E${'x'.repeat(59)}` })).toBe(true);
    for (const errorName of [`E${'x'.repeat(60)}`, '1Error', '$Error', 'Type Error', 'Error: Ava left', '']) {
      expect(messageFor(ClientFailureReportSchema, { ...report, errorName })).toBe(
        'A name of letters and digits, up to 60.',
      );
    }
    expect(accepts(ClientFailureReportSchema, { ...report, components: Array(8).fill('Panel') })).toBe(true);
    expect(messageFor(ClientFailureReportSchema, { ...report, components: Array(9).fill('Panel') })).toBe(
      'Name at most 8 components.',
    );
  });
});

describe('queries', () => {
  it('page the history 1 to 50 at a time, 10 by default, by type and from a continuation', () => {
    expect(HistoryQuerySchema.parse({})).toEqual({ pageSize: 10 });
    expect(HistoryQuerySchema.parse({ pageSize: '1', type: 'job', continuation: CONVERSATION })).toEqual({
      pageSize: 1,
      type: 'job',
      continuation: CONVERSATION,
    });
    expect(HistoryQuerySchema.parse({ pageSize: '50' })).toEqual({ pageSize: 50 });
    for (const pageSize of ['0', '51', '2.5']) expect(accepts(HistoryQuerySchema, { pageSize })).toBe(false);
    expect(messageFor(HistoryQuerySchema, { pageSize: 'ten' })).toBe('Use a number.');
    expect(messageFor(HistoryQuerySchema, { type: 'all' })).toBe('Choose career or job development.');
    expect(messageFor(HistoryQuerySchema, { continuation: 'z_1' })).toBe('This continuation token is not valid.');
  });

  it('export as JSON by default, or as Markdown', () => {
    expect(ExportQuerySchema.parse({})).toEqual({ format: 'json' });
    expect(ExportQuerySchema.parse({ format: 'json' })).toEqual({ format: 'json' });
    expect(ExportQuerySchema.parse({ format: 'markdown' })).toEqual({ format: 'markdown' });
    expect(messageFor(ExportQuerySchema, { format: 'pdf' })).toBe('Choose json or markdown.');
  });

  it('page the audit trail 1 to 200 at a time, 100 by default, from an audit row continuation', () => {
    const continuation = `z_${'1'.repeat(13)}0123abcd`;
    expect(AuditQuerySchema.parse({})).toEqual({ pageSize: 100 });
    expect(AuditQuerySchema.parse({ pageSize: '1', continuation })).toEqual({ pageSize: 1, continuation });
    expect(AuditQuerySchema.parse({ pageSize: '200' })).toEqual({ pageSize: 200 });
    for (const pageSize of ['0', '201']) expect(accepts(AuditQuerySchema, { pageSize })).toBe(false);
    expect(messageFor(AuditQuerySchema, { pageSize: 'all' })).toBe('Use a number.');
    for (const token of [
      `x${continuation}`,
      `${continuation}0`,
      `z_${'1'.repeat(12)}0123abcd`,
      `z_${'1'.repeat(13)}0123abc`,
      `z_${'1'.repeat(13)}0123abcx`,
      `z_${'a'.repeat(13)}0123abcd`,
    ]) {
      expect(messageFor(AuditQuerySchema, { continuation: token })).toBe('This continuation token is not valid.');
    }
  });
});
