import type { ConversationView } from '../../../functions/src/contract';

/**
 * What the other person just added or changed, found by comparing the view shown with the one read: talking points
 * they added, notes they wrote or changed under an item, actions they added or changed. Keys name the agenda item
 * (`item:<id>`) or the action (`action:<conversation>/<id>`), so the panel can mark them until seen.
 */
export function newsBetween(before: ConversationView, after: ConversationView): string[] {
  if (before.conversation.id !== after.conversation.id) return [];
  const me = after.role;
  const myId = me === 'employee' ? after.employee.id : after.manager.id;
  const news: string[] = [];
  const earlierItems = new Map(before.conversation.agenda.map((item) => [item.id, item]));
  for (const item of after.conversation.agenda) {
    const earlier = earlierItems.get(item.id);
    const theirNote = item.notes?.find((note) => note.role !== me);
    const theirEarlierNote = earlier?.notes?.find((note) => note.role !== me);
    const added = !earlier && item.source === 'talkingPoint' && item.authorId !== myId;
    const reworded = earlier !== undefined && earlier.text !== item.text && item.authorId !== myId;
    const noted =
      theirNote !== undefined && (theirNote.at !== theirEarlierNote?.at || theirNote.text !== theirEarlierNote.text);
    if (added || reworded || noted) news.push(itemKey(item.id));
  }
  // Whose change an edit of an action was is not on the action; the conversation's latest change says.
  const theirsLast = after.conversation.lastChange !== undefined && after.conversation.lastChange.by !== myId;
  const earlierActions = new Map(before.actions.map((action) => [actionKey(action), action]));
  for (const action of after.actions) {
    const earlier = earlierActions.get(actionKey(action));
    const added = !earlier && action.createdBy !== myId;
    const changed =
      earlier !== undefined &&
      theirsLast &&
      (earlier.title !== action.title ||
        earlier.owner !== action.owner ||
        (earlier.dueDate ?? null) !== (action.dueDate ?? null) ||
        (earlier.learningKind ?? null) !== (action.learningKind ?? null) ||
        earlier.status !== action.status);
    if (added || changed) news.push(actionKey(action));
  }
  return news;
}

export const itemKey = (itemId: string) => `item:${itemId}`;
export const actionKey = (action: { conversationId: string; id: string }) =>
  `action:${action.conversationId}/${action.id}`;
