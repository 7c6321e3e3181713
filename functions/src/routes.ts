import type { HttpMethod } from '@azure/functions';
import { deleteAction } from './functions/action-delete';
import { updateAction } from './functions/action-patch';
import { addAction } from './functions/actions-post';
import { deleteAgendaItem } from './functions/agenda-item-delete';
import { updateAgendaItem } from './functions/agenda-item-patch';
import { addTalkingPoint } from './functions/agenda-post';
import { putCareerPlan } from './functions/career-plan-put';
import { agree } from './functions/conversation-agree';
import { withdrawAgreement } from './functions/conversation-agree-delete';
import { reportClientFailure } from './functions/client-failure-post';
import { getConversation } from './functions/conversation-get';
import { negotiateLive } from './functions/conversation-live-post';
import { listConversations } from './functions/conversations-list';
import { startConversation } from './functions/conversations-post';
import { postInviteAgenda } from './functions/invite-agenda-post';
import { getMe } from './functions/me-get';
import { putMeetingLink } from './functions/meetings-link';
import { getMeetingPanel } from './functions/meetings-panel';
import { resolveMeeting } from './functions/meetings-resolve';
import { putNextConversation } from './functions/next-conversation-put';
import { putNote } from './functions/note-put';
import { getNudgePreferences } from './functions/nudge-preferences-get';
import { putNudgePreferences } from './functions/nudge-preferences-put';
import { getAudit } from './functions/plan-audit';
import { deletePlan } from './functions/plan-delete';
import { exportPlan } from './functions/plan-export';
import { getPlan } from './functions/plan-get';
import { deletePreparedPoint } from './functions/prepared-delete';
import { addPreparedPoint } from './functions/prepared-post';
import { openApiHandler, type PublicHandler } from './functions/openapi-get';
import { getTeam } from './functions/team-get';
import type { ApiHandler } from './http/handler';
import type { PreconditionUse } from './http/preconditions';

export interface RouteDefinition {
  name: string;
  methods: HttpMethod[];
  /** Azure Functions route template, below /api. */
  route: string;
  handler: ApiHandler;
  /** The precondition header the handler evaluates; the wrapper refuses any other (400). */
  precondition?: PreconditionUse;
}

const conversation = 'plans/{employeeId}/conversations/{conversationId}';

/** Every API route: the Azure entry registers each row, the local host serves the same list. */
export const routes: RouteDefinition[] = [
  { name: 'me-get', methods: ['GET'], route: 'me', handler: getMe },
  { name: 'team-get', methods: ['GET'], route: 'team', handler: getTeam },
  // The caller's own choice of nudges: no id in the path, so no route reaches anyone else's.
  { name: 'nudge-preferences-get', methods: ['GET'], route: 'me/nudges', handler: getNudgePreferences },
  {
    name: 'nudge-preferences-put',
    methods: ['PUT'],
    route: 'me/nudges',
    handler: putNudgePreferences,
    precondition: 'if-match',
  },
  { name: 'plan-get', methods: ['GET'], route: 'plans/{employeeId}', handler: getPlan },
  { name: 'plan-delete', methods: ['DELETE'], route: 'plans/{employeeId}', handler: deletePlan },
  { name: 'plan-export', methods: ['GET'], route: 'plans/{employeeId}/export', handler: exportPlan },
  { name: 'prepared-post', methods: ['POST'], route: 'plans/{employeeId}/prepared', handler: addPreparedPoint },
  {
    name: 'prepared-delete',
    methods: ['DELETE'],
    route: 'plans/{employeeId}/prepared/{pointId}',
    handler: deletePreparedPoint,
  },
  { name: 'plan-audit', methods: ['GET'], route: 'plans/{employeeId}/audit', handler: getAudit },
  {
    name: 'career-plan-put',
    methods: ['PUT'],
    route: 'plans/{employeeId}/career-plan',
    handler: putCareerPlan,
    precondition: 'if-match',
  },
  {
    name: 'next-conversation-put',
    methods: ['PUT'],
    route: 'plans/{employeeId}/next-conversation',
    handler: putNextConversation,
    precondition: 'if-match',
  },
  {
    name: 'conversations-list',
    methods: ['GET'],
    route: 'plans/{employeeId}/conversations',
    handler: listConversations,
  },
  {
    name: 'conversations-post',
    methods: ['POST'],
    route: 'plans/{employeeId}/conversations',
    handler: startConversation,
  },
  {
    name: 'conversation-get',
    methods: ['GET'],
    route: conversation,
    handler: getConversation,
    precondition: 'if-none-match',
  },
  {
    name: 'agenda-post',
    methods: ['POST'],
    route: `${conversation}/agenda`,
    handler: addTalkingPoint,
    precondition: 'if-match',
  },
  {
    name: 'agenda-item-patch',
    methods: ['PATCH'],
    route: `${conversation}/agenda/{itemId}`,
    handler: updateAgendaItem,
    precondition: 'if-match',
  },
  {
    name: 'agenda-item-delete',
    methods: ['DELETE'],
    route: `${conversation}/agenda/{itemId}`,
    handler: deleteAgendaItem,
    precondition: 'if-match',
  },
  {
    name: 'actions-post',
    methods: ['POST'],
    route: `${conversation}/actions`,
    handler: addAction,
    precondition: 'if-match',
  },
  {
    name: 'action-patch',
    methods: ['PATCH'],
    route: `${conversation}/actions/{actionId}`,
    handler: updateAction,
    precondition: 'if-match',
  },
  {
    name: 'action-delete',
    methods: ['DELETE'],
    route: `${conversation}/actions/{actionId}`,
    handler: deleteAction,
  },
  { name: 'conversation-agree', methods: ['POST'], route: `${conversation}/agree`, handler: agree },
  {
    name: 'conversation-agree-delete',
    methods: ['DELETE'],
    route: `${conversation}/agree`,
    handler: withdrawAgreement,
  },
  { name: 'note-put', methods: ['PUT'], route: `${conversation}/note`, handler: putNote, precondition: 'if-match' },
  // Where to listen for the conversation's changes (Web PubSub): authorised like reading it.
  { name: 'conversation-live-post', methods: ['POST'], route: `${conversation}/live`, handler: negotiateLive },
  { name: 'meetings-resolve', methods: ['GET'], route: 'meetings/resolve', handler: resolveMeeting },
  { name: 'meetings-panel', methods: ['GET'], route: 'meetings/panel', handler: getMeetingPanel },
  { name: 'meetings-link', methods: ['PUT'], route: 'meetings/link', handler: putMeetingLink },
  // The Outlook add-in: the agenda for a 1:1 invite the caller organizes, from its attendees' addresses.
  { name: 'invite-agenda-post', methods: ['POST'], route: 'invites/agenda', handler: postInviteAgenda },
  // The caller's own report of a page that failed to draw: names no plan, stores nothing.
  { name: 'client-failure-post', methods: ['POST'], route: 'client-failures', handler: reportClientFailure },
];

export interface PublicRouteDefinition {
  name: string;
  methods: HttpMethod[];
  route: string;
  handler: PublicHandler;
}

/** Every route, for the API's description: the authenticated ones and the public ones below. */
const allRoutes = (): readonly { name: string; methods: readonly string[]; route: string }[] => [
  ...routes,
  ...publicRoutes,
];

/**
 * Routes served without a token: the API's description (OpenAPI), which tools read before anyone
 * signs in. They read nothing of anyone's and store nothing.
 */
export const publicRoutes: PublicRouteDefinition[] = [
  { name: 'openapi-get', methods: ['GET'], route: 'openapi.json', handler: openApiHandler('3.1.0', allRoutes) },
  {
    name: 'openapi-3-0-get',
    methods: ['GET'],
    route: 'openapi-3.0.json',
    handler: openApiHandler('3.0.3', allRoutes),
  },
];
