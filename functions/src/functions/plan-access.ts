import { GuidSchema, type Person } from '../contract';
import { isAllowed, planRoleOf, type PlanPermission, type PlanRole } from '../domain';
import type { RequestContext } from '../http/handler';
import { ApiError, notFound } from '../http/problem';
import { planPartition, type AuditAction, type AuditEntry } from '../store';

export interface PlanAccess {
  role: PlanRole;
  employee: Person;
  /** The employee's current manager per the directory. */
  manager: Person | null;
  partitionKey: string;
}

/**
 * Opens an employee's plan for the caller, or answers 404 to anyone who is neither the employee
 * nor their current manager — without saying whether the plan exists.
 */
export async function openPlan(
  context: RequestContext,
  rawEmployeeId: unknown,
  permission: PlanPermission,
): Promise<PlanAccess> {
  const parsed = GuidSchema.safeParse(rawEmployeeId);
  if (!parsed.success) throw notFound();
  const employeeId = parsed.data;
  const { identity, org } = context;
  const [employee, manager] = await Promise.all([org.person(employeeId), org.managerOf(employeeId)]);
  const role = employee ? planRoleOf(identity.userId, employeeId, manager?.id ?? null) : null;
  if (!employee) throw notFound();
  const partitionKey = planPartition(identity.tenantId, employeeId);
  if (!role || !isAllowed(role, permission)) {
    // Refusals are recorded for the plan's owner to see; the caller learns nothing more.
    await context.services.audit.append(partitionKey, {
      at: context.services.now().toISOString(),
      actorId: identity.userId,
      actorRole: role ?? 'none',
      action: 'access.refused',
      target: permission,
    });
    if (!role) throw notFound();
    throw new ApiError(
      403,
      'Only the employee can do this',
      `This part of the plan belongs to ${employee.displayName}; as their manager you can read it.`,
    );
  }
  return { role, employee, manager, partitionKey };
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
