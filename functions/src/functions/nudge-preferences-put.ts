import { PutNudgePreferencesRequestSchema } from '../contract';
import type { ApiHandler } from '../http/handler';
import { optionalIfMatch } from '../http/preconditions';
import { staleError, unlessStale } from '../http/problem';
import { readJsonBody } from '../http/request';
import { json, withEtag } from '../http/response';
import { nudgePreferencesAudit, nudgePreferencesView, ownPartition } from './own-nudge-preferences';

/**
 * PUT /api/me/nudges {every kind on or off, digestDay} — the caller replaces their own choice of
 * nudges. Without If-Match it creates, failing if one exists; a stale If-Match is 412 with the current choice.
 */
export const putNudgePreferences: ApiHandler = async (request, context) => {
  const preferences = await readJsonBody(request, PutNudgePreferencesRequestSchema);
  const ifMatch = optionalIfMatch(context.preconditions);
  const { plans } = context.services;
  const partitionKey = ownPartition(context);
  const etag = await unlessStale(
    plans.putNudgePreferences(partitionKey, preferences, ifMatch, nudgePreferencesAudit(context)),
    async () => staleError('choice of reminders', nudgePreferencesView(await plans.readNudgePreferences(partitionKey))),
  );
  return json(200, nudgePreferencesView({ value: preferences, etag }), withEtag(etag));
};
