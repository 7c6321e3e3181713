import type { LiveMessage } from '../contract';
import type { LiveChangeKind } from '../domain';
import type { RequestContext } from '../http/handler';
import type { StoredConversation } from '../store';
import type { PlanAccess } from './plan-access';

/**
 * How long a write waits for its live notice before it answers. A notice normally goes out in a
 * few milliseconds; a slow or failing service must not hold up the person who made the change, so
 * past this the notice carries on in the background (for up to the publish timeout) and the write
 * answers as usual.
 */
export const LIVE_PUBLISH_WAIT_MS = 250;

/** What a notice says of one change: everything but who made it, which is the caller. */
export type LiveChange = Omit<LiveMessage, 'by'>;

/** Resolves when `work` settles or after `ms`, whichever comes first; the work carries on either way. */
async function waitAtMost(ms: number, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends one notice; a failure is one warning naming its kind, never the notice's content. Never
 * rejects: the change is stored by now, and nothing about the notice may turn it into an error.
 */
async function deliver(context: RequestContext, access: PlanAccess, change: LiveChange): Promise<void> {
  const { live } = context.services;
  const group = live.groupOf(context.identity.tenantId, access.employee.id, change.conversationId);
  const outcome = await live
    .publish(group, { ...change, by: context.identity.userId })
    .catch((): { status: 'failed'; failure: string } => ({ status: 'failed', failure: 'error' }));
  if (outcome.status === 'failed') context.invocation.warn(`Live publish failed: ${outcome.failure}`);
}

/**
 * Tells the people who have the conversation open that a change to it was stored. Called after the
 * store call succeeded (never for a refused or stale write), it waits at most LIVE_PUBLISH_WAIT_MS.
 */
export async function announceChange(context: RequestContext, access: PlanAccess, change: LiveChange): Promise<void> {
  if (!context.services.live.enabled) return;
  await waitAtMost(LIVE_PUBLISH_WAIT_MS, deliver(context, access, change));
}

/**
 * Tells the people in each draft a change elsewhere in the plan moved on (the career plan, the status
 * of an action its review lists) that it did: each notice carries the draft's new revision and ETag.
 */
export async function announceMovedDrafts(
  context: RequestContext,
  access: PlanAccess,
  drafts: readonly StoredConversation[],
  kind: LiveChangeKind,
  itemId: string | null = null,
): Promise<void> {
  await Promise.all(
    drafts.map((draft) =>
      announceChange(context, access, {
        conversationId: draft.value.id,
        revision: draft.value.revision,
        etag: draft.etag,
        kind,
        itemId,
      }),
    ),
  );
}

/**
 * Tells the plan's open drafts that something their view shows but their record does not hold
 * changed elsewhere in the plan (the next conversation). The plan's counters name the drafts: one
 * point read after the change, for these rare writes. The draft's own version did not move, so the
 * notice carries revision 0 and no ETag.
 */
export async function announceToDrafts(
  context: RequestContext,
  access: PlanAccess,
  kind: LiveChangeKind,
): Promise<void> {
  if (!context.services.live.enabled) return;
  const work = (async () => {
    const summary = await context.services.plans.readSummary(access.partitionKey);
    const drafts = summary ? summary.value.drafts : { job: null, career: null };
    const ids = [drafts.job, drafts.career].filter((id): id is string => id !== null);
    await Promise.all(
      ids.map((conversationId) =>
        deliver(context, access, { conversationId, revision: 0, etag: null, kind, itemId: null }),
      ),
    );
  })().catch(() => {
    // Only the counters' read can fail here (a publish reports its own outcome).
    context.invocation.warn('Live publish failed: read');
  });
  await waitAtMost(LIVE_PUBLISH_WAIT_MS, work);
}
