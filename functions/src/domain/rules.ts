/** A broken rule, in words a person understands. The API turns it into problem+json. */
export interface RuleViolation {
  code: RuleCode;
  title: string;
  detail: string;
  /** The request field at fault, when one is. */
  field?: string;
  /** For `draftExists`: the draft to continue instead. */
  existingConversationId?: string;
}

export type RuleCode =
  | 'conversationAgreed'
  | 'ownershipRule'
  | 'draftExists'
  | 'limitReached'
  | 'invalidAction'
  | 'invalidSection'
  | 'statusUnchanged'
  | 'itemNotFound'
  | 'staleRevision'
  | 'notConfirmed'
  | 'notInAgreedPlan'
  | 'notOwner'
  | 'notCarried'
  | 'notTalkingPoint'
  | 'nextConversationDate';

/** What a rule decided: the new state, or why not. */
export type Decision<T> = { ok: true; value: T } | { ok: false; violation: RuleViolation };

export const allow = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = <T>(violation: RuleViolation): Decision<T> => ({ ok: false, violation });
