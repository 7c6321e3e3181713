/**
 * Preparation: either person writes talking points for the next conversation before the meeting.
 * They wait in the plan and join the agenda, marked as prepared and with their author, when a
 * conversation of their kind starts.
 */
import { LIMITS } from './lifecycle';
import type { Change, ConversationType, PreparedPoint } from './model';
import { allow, refuse, type Decision } from './rules';

/** Adds a point to what is prepared; `id` is fresh (the caller makes it). */
export function preparePoint(
  points: readonly PreparedPoint[],
  point: { id: string; text: string; type: ConversationType | null },
  change: Change,
): Decision<PreparedPoint[]> {
  if (points.length >= LIMITS.preparedPoints) {
    return refuse({
      code: 'limitReached',
      title: 'Enough prepared',
      detail: `Up to ${LIMITS.preparedPoints} points can wait for the next conversation. Bring these up first.`,
    });
  }
  return allow([...points, { ...point, by: change.by, role: change.role, at: change.at }]);
}

/** Takes a prepared point away; only its author can. */
export function withdrawPreparedPoint(
  points: readonly PreparedPoint[],
  pointId: string,
  change: Change,
): Decision<PreparedPoint[]> {
  const point = points.find((entry) => entry.id === pointId);
  if (!point) return refuse({ code: 'itemNotFound', title: 'Not found', detail: 'There is no such prepared point.' });
  if (point.by !== change.by) {
    return refuse({
      code: 'notOwner',
      title: 'Only its author can take it away',
      detail: 'This point was prepared by the other person. Raise it in the conversation instead.',
    });
  }
  return allow(points.filter((entry) => entry.id !== pointId));
}

/** What a new conversation of `type` takes from the prepared points, and what stays for later. */
export function takePrepared(
  points: readonly PreparedPoint[],
  type: ConversationType,
): { taken: PreparedPoint[]; remaining: PreparedPoint[] } {
  const fits = (point: PreparedPoint) => point.type === null || point.type === type;
  const taken = points.filter(fits).slice(0, LIMITS.talkingPoints);
  return { taken, remaining: points.filter((point) => !taken.includes(point)) };
}
