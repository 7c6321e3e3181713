/** A broken rule, in words a person understands. The API turns it into problem+json. */
export interface RuleViolation {
  code: RuleCode;
  title: string;
  detail: string;
}

export type RuleCode =
  | 'conversationAgreed'
  | 'ownershipRule'
  | 'draftExists'
  | 'limitReached'
  | 'invalidAction'
  | 'invalidSection'
  | 'statusUnchanged';
