import type { Person } from '../contract';
import {
  addDays,
  calendarDay,
  isAllowed,
  planRoleOf,
  type AuditAction,
  type AuditEntry,
  type Change,
  type PlanPermission,
  type PlanRole,
} from '../domain';
import type { RequestContext } from '../http/handler';
import { ApiError, notFound, staleError } from '../http/problem';
import { planPartition } from '../store';
import { loadConversationView } from './views';

export interface PlanAccess {
  role: PlanRole;
  employee: Person;
  /** The employee's current manager per the directory. */
  manager: Person | null;
  partitionKey: string;
}

/**
 * Lets the employee and their current manager into the employee's plan, as far as `permission`
 * allows. Anyone else gets 404, as if the plan did not exist. The manager's refusals are recorded
 * in the plan's audit trail for the employee to see.
 */
export async function authorisePlan(
  context: RequestContext,
  employeeId: string,
  permission: PlanPermission,
): Promise<PlanAccess> {
  const { identity, org } = context;
  const [employee, manager] = await Promise.all([org.person(employeeId), org.managerOf(employeeId)]);
  const role = employee ? planRoleOf(identity.userId, employeeId, manager?.id ?? null) : null;
  if (!employee || !role) {
    // Someone outside the plan, or nobody's plan: one 404 by one path, and nothing written into the
    // plan, so no stranger can crowd out its trail or tell the two apart. Logged, content-free.
    context.invocation.warn(`Plan access refused: no role, permission=${permission}`);
    throw notFound();
  }
  const partitionKey = planPartition(identity.tenantId, employeeId);
  if (!isAllowed(role, permission)) {
    // The manager tried an employee-only part: the employee sees it in their trail.
    await context.services.audit.append(partitionKey, {
      at: context.services.now().toISOString(),
      actorId: identity.userId,
      actorRole: role,
      action: 'access.refused',
      target: permission,
    });
    throw new ApiError(
      403,
      'Only the employee can do this',
      `This part of the plan belongs to ${employee.displayName}; as their manager you can read it.`,
    );
  }
  return { role, employee, manager, partitionKey };
}

/** Who makes this request's change, in which role, and when: the verified caller, by the service's clock. */
export function changeBy(context: RequestContext, access: PlanAccess): Change {
  return { by: context.identity.userId, role: access.role, at: context.services.now().toISOString() };
}

/** An audit entry for a change: who, what, when — never the content. The store writes it with the change. */
export function auditEntry(
  context: RequestContext,
  access: PlanAccess,
  action: AuditAction,
  target?: string,
): AuditEntry {
  return {
    at: context.services.now().toISOString(),
    actorId: context.identity.userId,
    actorRole: access.role,
    action,
    ...(target ? { target } : {}),
  };
}

/** Records what is not a change of the plan's rows (an export, a deletion, a link) in its audit trail. */
export async function recordAudit(
  context: RequestContext,
  access: PlanAccess,
  action: AuditAction,
  target?: string,
): Promise<void> {
  await context.services.audit.append(access.partitionKey, auditEntry(context, access, action, target));
}

/** The 412 for a conversation that changed since the caller read it, carrying the current view. */
export async function staleConversationError(
  context: RequestContext,
  access: PlanAccess,
  conversationId: string,
): Promise<ApiError> {
  const { view } = await loadConversationView(context, access, conversationId);
  return staleError('conversation', view);
}

/**
 * Asks the daily nudges run to look at this plan from today: a confirmation or an agreement changes
 * what may be due (a waiting confirmation, due dates, the cadence). The index lives in another table,
 * so this is its own request, made alongside the change's reads.
 */
export async function markForNudges(context: RequestContext, access: PlanAccess): Promise<void> {
  await context.services.nudges.mark(context.identity.tenantId, {
    employeeId: access.employee.id,
    managerId: access.manager?.id ?? null,
    checkFrom: calendarDay(context.services.now()),
  });
}

/**
 * Asks the nudges run to look at this plan the day before the next conversation (today at the
 * earliest), when both are prompted to prepare their talking points; a look already due sooner stands.
 */
export async function markForNudgesFrom(context: RequestContext, access: PlanAccess, date: string): Promise<void> {
  const today = calendarDay(context.services.now());
  const dayBefore = addDays(date, -1);
  await context.services.nudges.markNoLaterThan(context.identity.tenantId, {
    employeeId: access.employee.id,
    managerId: access.manager?.id ?? null,
    checkFrom: dayBefore > today ? dayBefore : today,
  });
}
