import type { NudgePreferencesView } from '../contract';
import { defaultNudgePreferences, type AuditEntry, type NudgePreferences } from '../domain';
import type { RequestContext } from '../http/handler';
import { planPartition, type Stored } from '../store';

/*
 * The caller's own choice of nudges, shared by GET and PUT /api/me/nudges. Whose choice it is comes
 * from the verified token alone: no route names a person, so nobody reaches anyone else's.
 */

/** The caller's own partition (a manager has one too, keyed by their own id), where their choice is kept. */
export function ownPartition({ identity }: RequestContext): string {
  return planPartition(identity.tenantId, identity.userId);
}

/** What the caller sees: their stored choice, or everything on (no ETag) until they first choose. */
export function nudgePreferencesView(stored: Stored<NudgePreferences> | null): NudgePreferencesView {
  return stored
    ? { preferences: stored.value, etag: stored.etag }
    : { preferences: defaultNudgePreferences(), etag: null };
}

/** Who changed their choice, and when; the person is the "employee" of their own partition. Never the choice itself. */
export function nudgePreferencesAudit({ identity, services }: RequestContext): AuditEntry {
  return {
    at: services.now().toISOString(),
    actorId: identity.userId,
    actorRole: 'employee',
    action: 'nudges.preferences',
  };
}
