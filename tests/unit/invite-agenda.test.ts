import { describe, expect, it } from 'vitest';
import { InviteAgendaRequestSchema } from '../../functions/src/contract';
import {
  AGENDA_TEMPLATES,
  JOB_DEVELOPMENT_CADENCE_DAYS,
  LIMITS,
  MAX_INVITE_ATTENDEES,
  REVIEW_SECTION_ID,
  TALKING_POINTS_SECTION_ID,
  emptyCounters,
  inviteHeadingsOf,
  inviteKindOf,
  invitePairOf,
  invitePreparedOf,
  type DirectoryEntry,
  type PreparedPoint,
} from '../../functions/src/domain';

/*
 * The rules behind the Outlook add-in's agenda: whose plan an invite is about, which conversation to hold, and what
 * of the plan goes in. The API answers its one 404 whenever `invitePairOf` says null.
 */

const report: DirectoryEntry = { id: 'ava', email: 'Ava.Lee@contoso.com' };
const otherReport: DirectoryEntry = { id: 'ben', email: 'ben@contoso.com' };
const noMail: DirectoryEntry = { id: 'cy', email: null };
const manager: DirectoryEntry = { id: 'dana', email: 'dana@contoso.com' };
const morgan = { id: 'morgan', email: 'morgan@contoso.com', manager, reports: [report, otherReport, noMail] };

describe('whose plan an invite is about', () => {
  it("is a report's plan when the one other attendee is the caller's report, whatever the case and spaces", () => {
    expect(invitePairOf(morgan, ['  ava.lee@CONTOSO.com '])).toEqual({ employeeId: 'ava', partnerId: 'ava' });
  });

  it("is the caller's own plan when the one other attendee is the caller's manager", () => {
    expect(invitePairOf(morgan, ['dana@contoso.com'])).toEqual({ employeeId: 'morgan', partnerId: 'dana' });
  });

  it('leaves out the caller, blanks and repeats of the same address', () => {
    expect(invitePairOf(morgan, ['Morgan@contoso.com', '', 'ava.lee@contoso.com', 'AVA.LEE@contoso.com'])).toEqual({
      employeeId: 'ava',
      partnerId: 'ava',
    });
  });

  it('is nobody for no one else, a stranger, two reports, a report and a stranger, or a report and the manager', () => {
    for (const attendees of [
      [],
      ['morgan@contoso.com'],
      ['eve@fabrikam.com'],
      ['ava.lee@contoso.com', 'ben@contoso.com'],
      ['ava.lee@contoso.com', 'eve@fabrikam.com'],
      ['ava.lee@contoso.com', 'dana@contoso.com'],
    ])
      expect(invitePairOf(morgan, attendees), attendees.join(', ')).toBeNull();
  });

  it('never matches a person the directory has no mail address for', () => {
    expect(invitePairOf({ ...morgan, manager: { id: 'dana', email: null } }, ['dana@contoso.com'])).toBeNull();
    expect(invitePairOf(morgan, ['cy@contoso.com'])).toBeNull();
  });

  it('still finds the pair when the caller has no mail address, and without a manager', () => {
    expect(invitePairOf({ ...morgan, email: null, manager: null }, ['ben@contoso.com'])).toEqual({
      employeeId: 'ben',
      partnerId: 'ben',
    });
    expect(invitePairOf({ ...morgan, manager: null }, ['dana@contoso.com'])).toBeNull();
  });
});

describe('which conversation an invite suggests', () => {
  const now = new Date('2026-12-07T09:00:00.000Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const counters = (changes: Partial<ReturnType<typeof emptyCounters>> = {}) => ({
    ...emptyCounters(daysAgo(400)),
    ...changes,
  });

  it('holds the one draft under way, before any day set', () => {
    const started = counters({ drafts: { job: null, career: '8000000000000career' } });
    expect(inviteKindOf(started, { type: 'job' }, now)).toMatchObject({ kind: 'career', reason: 'draft' });
  });

  it('with two drafts under way, takes the kind set for the next conversation', () => {
    const both = counters({ drafts: { job: '8000000000000jobjob', career: '8000000000000career' } });
    expect(inviteKindOf(both, { type: 'career' }, now)).toMatchObject({ kind: 'career', reason: 'scheduled' });
  });

  it('never calls a new starter overdue: the cadence counts from the day their plan started', () => {
    const starter = { ...emptyCounters(daysAgo(10)) };
    expect(inviteKindOf(starter, null, now)).toMatchObject({ kind: 'job', reason: 'cadence' });
  });

  it('otherwise holds job development: overdue once the cadence has passed, else as the regular talk', () => {
    const recent = counters({ lastAgreed: { job: daysAgo(30), career: null } });
    expect(inviteKindOf(recent, null, now)).toMatchObject({ kind: 'job', reason: 'cadence' });
    expect(inviteKindOf(recent, { type: null }, now).job).toEqual({ overdue: false, overdueDays: null });
    const late = counters({ lastAgreed: { job: daysAgo(JOB_DEVELOPMENT_CADENCE_DAYS + 5), career: null } });
    expect(inviteKindOf(late, null, now)).toMatchObject({
      kind: 'job',
      reason: 'overdue',
      job: { overdue: true, overdueDays: 5 },
    });
  });
});

describe('what of the plan an invite lists', () => {
  it("lists each kind's own headings, without the review and the open talking points, under its title", () => {
    for (const kind of ['job', 'career'] as const) {
      const template = AGENDA_TEMPLATES[kind];
      const { title, headings } = inviteHeadingsOf(kind);
      expect(title).toBe(template.title);
      expect(headings).toEqual(
        template.sections
          .filter((section) => ![REVIEW_SECTION_ID, TALKING_POINTS_SECTION_ID].includes(section.id))
          .map((section) => section.title),
      );
      expect(headings.length).toBe(template.sections.length - 2);
    }
    expect(inviteHeadingsOf('career').headings).not.toEqual(inviteHeadingsOf('job').headings);
  });

  it('takes the prepared points of that kind or of either kind, up to the talking points cap', () => {
    const point = (id: string, type: PreparedPoint['type']): PreparedPoint => ({
      id,
      text: `Point ${id}`,
      by: 'ava',
      role: 'employee',
      at: '2026-12-01T00:00:00.000Z',
      type,
    });
    const points = [point('p1', 'job'), point('p2', 'career'), point('p3', null)];
    expect(invitePreparedOf(points, 'job').map((entry) => entry.id)).toEqual(['p1', 'p3']);
    expect(invitePreparedOf(points, 'career').map((entry) => entry.id)).toEqual(['p2', 'p3']);
    const many = Array.from({ length: LIMITS.talkingPoints + 3 }, (_, index) => point(`q${index}`, null));
    expect(invitePreparedOf(many, 'job')).toHaveLength(LIMITS.talkingPoints);
  });
});

describe("the invite's attendees, as the API accepts them", () => {
  const parse = (attendees: unknown) => InviteAgendaRequestSchema.safeParse({ attendees });

  it('takes mail addresses, trimmed', () => {
    const parsed = parse([' ava@contoso.com ', 'o.brien+1@sub.contoso.co.uk']);
    expect(parsed.success && parsed.data.attendees).toEqual(['ava@contoso.com', 'o.brien+1@sub.contoso.co.uk']);
  });

  it('refuses what is not one mail address, naming why', () => {
    for (const bad of ['ava', '@contoso.com', 'ava@', 'a va@contoso.com', 'ava@con toso.com', 'ava@@x', '<a@b>', 7]) {
      const parsed = parse([bad]);
      expect(parsed.success, String(bad)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('Give each attendee as a mail address.');
    }
  });

  it('refuses an address over 320 characters and more than the attendees it looks at', () => {
    const long = `${'a'.repeat(312)}@contoso.com`;
    expect(parse([long]).error?.issues[0]?.message).toBe('A mail address is at most 320 characters.');
    expect(parse([`${'a'.repeat(308)}@contoso.com`]).success).toBe(true);
    const crowd = Array.from({ length: MAX_INVITE_ATTENDEES + 1 }, (_, index) => `p${index}@contoso.com`);
    expect(parse(crowd).error?.issues[0]?.message).toBe(`Look at most ${MAX_INVITE_ATTENDEES} attendees.`);
    expect(parse(crowd.slice(1)).success).toBe(true);
    expect(InviteAgendaRequestSchema.safeParse({ attendees: [], extra: 1 }).success).toBe(false);
  });
});
