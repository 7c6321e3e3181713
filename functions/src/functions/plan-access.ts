import { GuidSchema, type Person } from '../contract';
import { isAllowed, planRoleOf, type PlanPermission, type PlanRole } from '../domain';
import type { RequestContext } from '../http/handler';
import { ApiError, notFound } from '../http/problem';
import { planPartition } from '../store';

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
export async function openPlan(context: RequestContext, rawEmployeeId: unknown, permission: PlanPermission): Promise<PlanAccess> {
  const parsed = GuidSchema.safeParse(rawEmployeeId);
  if (!parsed.success) throw notFound();
  const employeeId = parsed.data;
  const { identity, org } = context;
  const [employee, manager] = await Promise.all([org.person(employeeId), org.managerOf(employeeId)]);
  const role = employee ? planRoleOf(identity.userId, employeeId, manager?.id ?? null) : null;
  if (!employee || !role) throw notFound();
  if (!isAllowed(role, permission)) {
    throw new ApiError(403, 'Only the employee can do this', `This part of the plan belongs to ${employee.displayName}; as their manager you can read it.`);
  }
  return { role, employee, manager, partitionKey: planPartition(identity.tenantId, employeeId) };
}
