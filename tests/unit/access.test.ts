import { describe, expect, it } from 'vitest';
import { canReadNote, isAllowed, planRoleOf, type PlanPermission } from '../../functions/src/domain';

describe('the access policy', () => {
  it('gives the employee and the current manager a role, nobody else', () => {
    expect(planRoleOf('e', 'e', 'm')).toBe('employee');
    expect(planRoleOf('m', 'e', 'm')).toBe('manager');
    expect(planRoleOf('former', 'e', 'm')).toBeNull();
    expect(planRoleOf('m', 'e', null)).toBeNull();
  });

  it('lets the employee write the career plan, delete and read the audit trail; the manager reads, edits conversations and exports', () => {
    const all: PlanPermission[] = [
      'readPlan',
      'editConversation',
      'writeCareerPlan',
      'exportPlan',
      'deletePlan',
      'readAudit',
    ];
    expect(all.filter((permission) => isAllowed('employee', permission))).toEqual(all);
    expect(all.filter((permission) => isAllowed('manager', permission))).toEqual([
      'readPlan',
      'editConversation',
      'exportPlan',
    ]);
  });

  it('keeps private notes to their author', () => {
    expect(canReadNote('a', 'a')).toBe(true);
    expect(canReadNote('b', 'a')).toBe(false);
  });
});
