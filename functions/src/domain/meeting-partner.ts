/**
 * Whose plan a meeting is most likely about, from who is in its chat: the caller and exactly one
 * other member who is their direct report (the report's plan) or their manager (the caller's own
 * plan). Anything else — the caller not in the chat, nobody of theirs, or several — suggests
 * nothing, and the person chooses.
 */
export function suggestedPlanOf(
  caller: { id: string; managerId: string | null; reportIds: readonly string[] },
  members: readonly string[] | null,
): string | null {
  if (!members) return null;
  const present = new Set(members.map((id) => id.toLowerCase()));
  // Only a member learns anything about a chat: the caller's own membership comes first.
  if (!present.has(caller.id.toLowerCase())) return null;
  const reports = new Set(caller.reportIds.map((id) => id.toLowerCase()));
  const manager = caller.managerId?.toLowerCase() ?? null;
  const plans = [...present].flatMap((member) => {
    if (member === caller.id.toLowerCase()) return [];
    if (reports.has(member)) return [member];
    if (member === manager) return [caller.id.toLowerCase()];
    return [];
  });
  return plans.length === 1 ? (plans[0] ?? null) : null;
}
