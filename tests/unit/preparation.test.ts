import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  preparePoint,
  startDraft,
  takePrepared,
  withdrawPreparedPoint,
  writeItemNote,
  type PreparedPoint,
} from '../../functions/src/domain';
import {
  agreedConversation,
  byEmployee,
  byManager,
  draftConversation,
  allowed,
  refusal,
} from '../support/domain-fixtures';

describe('preparing talking points', () => {
  it('keeps each point with its author, and lets only the author take it away', () => {
    const one = allowed(preparePoint([], { id: 'p00000001', text: 'Conference budget', type: 'job' }, byEmployee));
    const two = allowed(preparePoint(one, { id: 'p00000002', text: 'Team changes', type: null }, byManager));
    expect(two.map((point) => [point.id, point.by, point.role])).toEqual([
      ['p00000001', 'ava', 'employee'],
      ['p00000002', 'morgan', 'manager'],
    ]);
    expect(refusal(withdrawPreparedPoint(two, 'p00000001', byManager))).toBe('notOwner');
    expect(allowed(withdrawPreparedPoint(two, 'p00000001', byEmployee)).map((point) => point.id)).toEqual([
      'p00000002',
    ]);
    expect(refusal(withdrawPreparedPoint(two, 'p99999999', byEmployee))).toBe('itemNotFound');
  });

  it('caps what waits for the next conversation', () => {
    let points: PreparedPoint[] = [];
    for (let index = 0; index < LIMITS.preparedPoints; index += 1) {
      points = allowed(
        preparePoint(points, { id: `p${String(index).padStart(8, '0')}`, text: 'x', type: null }, byEmployee),
      );
    }
    expect(refusal(preparePoint(points, { id: 'pffffffff', text: 'one more', type: null }, byEmployee))).toBe(
      'limitReached',
    );
    // Taking one away makes room for one, and only one.
    const fewer = allowed(withdrawPreparedPoint(points, 'p00000004', byEmployee));
    const refilled = allowed(preparePoint(fewer, { id: 'pfffffffe', text: 'room again', type: null }, byEmployee));
    expect(refilled).toHaveLength(LIMITS.preparedPoints);
    expect(refusal(preparePoint(refilled, { id: 'pffffffff', text: 'one more', type: null }, byEmployee))).toBe(
      'limitReached',
    );
  });

  it('brings the points of its kind (and of either kind) into a new conversation, marked as prepared', () => {
    const points: PreparedPoint[] = [
      { id: 'p00000001', text: 'Certification plan', by: 'ava', role: 'employee', at: byEmployee.at, type: 'job' },
      { id: 'p00000002', text: 'Where I want to be', by: 'ava', role: 'employee', at: byEmployee.at, type: 'career' },
      { id: 'p00000003', text: 'Workload', by: 'morgan', role: 'manager', at: byManager.at, type: null },
    ];
    const { taken, remaining } = takePrepared(points, 'job');
    expect(taken.map((point) => point.id)).toEqual(['p00000001', 'p00000003']);
    expect(remaining.map((point) => point.id)).toEqual(['p00000002']);
    const conversation = startDraft(
      { id: '8000000000000abcdef', employeeId: 'ava', managerId: 'morgan', type: 'job' },
      [],
      byManager,
      taken,
    );
    const prepared = conversation.agenda.filter((item) => item.prepared);
    expect(prepared.map((item) => [item.id, item.text, item.authorId, item.sectionId])).toEqual([
      ['point.1', 'Certification plan', 'ava', 'talkingPoints'],
      ['point.2', 'Workload', 'morgan', 'talkingPoints'],
    ]);
  });
});

describe('notes on agenda items', () => {
  const itemId = draftConversation().agenda[0]!.id;

  it('keep one note per person, each edited by its author alone, in a fixed order', () => {
    const managers = allowed(writeItemNote(draftConversation(), itemId, 'Wants more on-call', byManager));
    const both = allowed(writeItemNote(managers.conversation, itemId, 'Prefers\nmornings', byEmployee));
    expect(both.item.notes?.map((note) => [note.role, note.text])).toEqual([
      ['employee', 'Prefers\nmornings'],
      ['manager', 'Wants more on-call'],
    ]);
    expect(both.conversation.revision).toBe(2);
    expect(both.conversation.lastChange?.kind).toBe('agenda.note');
    // Ava rewrites hers; Morgan's stays as he wrote it.
    const rewritten = allowed(writeItemNote(both.conversation, itemId, 'Prefers afternoons', byEmployee));
    expect(rewritten.item.notes?.map((note) => note.text)).toEqual(['Prefers afternoons', 'Wants more on-call']);
    // An empty text takes only the author's own note away.
    const cleared = allowed(writeItemNote(rewritten.conversation, itemId, '', byManager));
    expect(cleared.item.notes?.map((note) => note.role)).toEqual(['employee']);
  });

  it('are part of the record once agreed, and refused for an unknown item', () => {
    expect(refusal(writeItemNote(agreedConversation(), itemId, 'Late', byEmployee))).toBe('conversationAgreed');
    expect(refusal(writeItemNote(draftConversation(), 'nope', 'x', byEmployee))).toBe('itemNotFound');
  });
});
