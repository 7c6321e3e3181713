import type { ApiHandler } from '../http/handler';
import { json, withEtag } from '../http/response';
import { nudgePreferencesView, ownPartition } from './own-nudge-preferences';

/** GET /api/me/nudges — the caller's own choice of nudges and the manager's digest day; everything on until they choose. */
export const getNudgePreferences: ApiHandler = async (_request, context) => {
  const stored = await context.services.plans.readNudgePreferences(ownPartition(context));
  return json(200, nudgePreferencesView(stored), withEtag(stored?.etag ?? null));
};
