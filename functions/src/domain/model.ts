/** The vocabulary of the product, shared by the API and the tab. Pure data, no I/O. */

export const CONVERSATION_TYPES = ['career', 'job'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export const CONVERSATION_TYPE_NAMES: Record<ConversationType, string> = {
  career: 'Career development',
  job: 'Job development',
};

export const OWNERS = ['employee', 'manager'] as const;
export type Owner = (typeof OWNERS)[number];

/** Ordered as the talk flows: formal learning first, then other people, then practice. */
export const LEARNING_KINDS = ['formal', 'fromOthers', 'onTheJob'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export const LEARNING_KIND_NAMES: Record<LearningKind, string> = {
  formal: 'Formal learning (10)',
  fromOthers: 'Learning from others (20)',
  onTheJob: 'Learning on the job (70)',
};

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const CONVERSATION_STATUSES = ['draft', 'agreed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Every aspiration is valid; none ranks above another. */
export const ASPIRATIONS = ['growInRole', 'moveSideways', 'moveUp', 'changePace', 'explore'] as const;
export type Aspiration = (typeof ASPIRATIONS)[number];

export const ASPIRATION_NAMES: Record<Aspiration, string> = {
  growInRole: 'Grow in my current role',
  moveSideways: 'Move sideways to pick up new skills',
  moveUp: 'Move up',
  changePace: 'Change pace or scope',
  explore: 'Still exploring',
};

export type AgendaItemSource = 'template' | 'talkingPoint' | 'carried';

export interface AgendaItem {
  id: string;
  sectionId: string;
  text: string;
  source: AgendaItemSource;
  /** Optional prompts (such as a concrete career scenario) never block anything. */
  optional: boolean;
  /** Who added a talking point; absent for template and carried items. */
  authorId?: string;
  /** For carried items: the earlier action under review. */
  carriedAction?: { conversationId: string; actionId: string };
  discussed: boolean;
  discussedBy?: string;
  discussedAt?: string;
}

export interface Action {
  id: string;
  conversationId: string;
  title: string;
  owner: Owner;
  learningKind?: LearningKind;
  dueDate?: string;
  status: ActionStatus;
  /** True once the conversation that captured it was agreed. */
  agreed: boolean;
  createdBy: string;
  createdAt: string;
  statusChangedAt?: string;
  statusChangedBy?: string;
}

export interface Conversation {
  id: string;
  employeeId: string;
  managerId: string;
  type: ConversationType;
  status: ConversationStatus;
  agenda: AgendaItem[];
  createdBy: string;
  createdAt: string;
  agreedAt?: string;
  agreedBy?: string;
}
