/**
 * Who may do what with a plan. A plan belongs to its employee; only the employee and their
 * current manager reach it. Everyone else — peers, skip-level managers, admins — is told the
 * plan does not exist.
 */
import type { PlanRole } from './model';

export type PlanPermission =
  'readPlan' | 'editConversation' | 'writeCareerPlan' | 'exportPlan' | 'deletePlan' | 'readAudit';

const GRANTS: Record<PlanRole, ReadonlySet<PlanPermission>> = {
  employee: new Set(['readPlan', 'editConversation', 'writeCareerPlan', 'exportPlan', 'deletePlan', 'readAudit']),
  manager: new Set(['readPlan', 'editConversation', 'exportPlan']),
};

/** The caller's role on an employee's plan, or null when the caller has none. */
export function planRoleOf(callerId: string, employeeId: string, currentManagerId: string | null): PlanRole | null {
  if (callerId === employeeId) return 'employee';
  if (currentManagerId !== null && callerId === currentManagerId) return 'manager';
  return null;
}

export function isAllowed(role: PlanRole, permission: PlanPermission): boolean {
  return GRANTS[role].has(permission);
}

/** Private notes are for their author alone, whatever the author's role. */
export function canReadNote(callerId: string, authorId: string): boolean {
  return callerId === authorId;
}
