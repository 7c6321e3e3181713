import type { PlanExport } from '../contract';
import { ASPIRATIONS, ASPIRATION_NAMES, CONVERSATION_TYPE_NAMES, LEARNING_KIND_NAMES } from '../domain';

/**
 * Text people wrote, shown as written and never read as Markdown: every value is placed where a
 * line's content starts (after "- ", "> " or an indent), so what would open a block there is
 * escaped — a heading's #, a quote's >, a bullet's - + *, a numbered item's "1." or "1)", a
 * setext underline's = — and, anywhere, what would start inline structure: backslashes,
 * backticks, emphasis (* _ ~), links and images ([ ]), HTML and autolinks (<), table cells (|),
 * entities (&name;) and a heading's closing #s. Ordinary hyphens, dots and parentheses stay as
 * they are, so "on-call 9.30 (team)" reads as written.
 */
export function markdownText(value: string): string {
  // One line in, one line out: a line break from anywhere (a name from the directory) cannot start a block.
  const inline = value
    .replace(/\r\n?|[\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_~[\]<|]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/(^|\s)#/g, '$1\\#');
  return inline.replace(/^(\s*)([>+=-])/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

const text = markdownText;

const STATUS = { open: 'open', done: 'done', dropped: 'dropped' } as const;

type Snapshot = NonNullable<PlanExport['conversations'][number]['conversation']['snapshot']>;

const FIELD_NAMES = { aspiration: 'Aspiration', focusAreas: 'Focus areas', careerScenario: 'Career scenario' } as const;

function fieldValue(field: keyof typeof FIELD_NAMES, value: string | null): string {
  if (value === null) return 'none';
  const aspiration = ASPIRATIONS.find((entry) => entry === value);
  return field === 'aspiration' && aspiration ? ASPIRATION_NAMES[aspiration] : text(value);
}

/** What was agreed that day and what changed since the previous conversation of the type. */
function snapshotLines(snapshot: Snapshot): string[] {
  const { changes, careerPlan, ownership } = snapshot;
  const lines = ['### What was agreed', ''];
  lines.push(`- Actions: ${ownership.employee} for the employee, ${ownership.manager} for the manager`);
  lines.push(
    `- Aspiration that day: ${careerPlan.aspiration ? ASPIRATION_NAMES[careerPlan.aspiration] : 'not chosen'}`,
  );
  if (careerPlan.focusAreas.length) lines.push(`- Focus areas that day: ${careerPlan.focusAreas.map(text).join('; ')}`);
  if (careerPlan.careerScenario) lines.push(`- Career scenario that day: ${text(careerPlan.careerScenario)}`);
  lines.push(
    '',
    changes.previousConversationId ? '### What changed since the last one' : '### The first of its kind',
    '',
  );
  for (const change of changes.careerPlan) {
    lines.push(
      `- ${FIELD_NAMES[change.field]}: ${fieldValue(change.field, change.before)} → ${fieldValue(change.field, change.after)}`,
    );
  }
  const list = (label: string, titles: string[]) => {
    if (titles.length) lines.push(`- ${label}: ${titles.map(text).join('; ')}`);
  };
  list('New actions', changes.actionsAdded);
  list('Done', changes.done);
  list('Dropped', changes.dropped);
  list('Carried on', changes.carried);
  lines.push('');
  return lines;
}

/** The export as a document a person reads: the career plan, then every conversation, newest first. */
export function exportToMarkdown(plan: PlanExport): string {
  const lines: string[] = [
    `# Development plan of ${text(plan.employee.displayName)}`,
    '',
    `Exported ${plan.exportedAt.slice(0, 10)}.`,
    '',
  ];
  lines.push('## Career plan', '');
  lines.push(
    `- Aspiration: ${plan.careerPlan.aspiration ? ASPIRATION_NAMES[plan.careerPlan.aspiration] : 'not chosen'}`,
  );
  lines.push(
    `- Focus areas: ${plan.careerPlan.focusAreas.length ? plan.careerPlan.focusAreas.map(text).join('; ') : 'none'}`,
  );
  if (plan.careerPlan.careerScenario) lines.push(`- Career scenario: ${text(plan.careerPlan.careerScenario)}`);
  lines.push('');
  for (const { conversation, actions, myNote } of plan.conversations) {
    lines.push(`## ${CONVERSATION_TYPE_NAMES[conversation.type]}, ${conversation.createdAt.slice(0, 10)}`, '');
    lines.push(
      conversation.status === 'agreed'
        ? `Agreed by both on ${conversation.agreedAt?.slice(0, 10)}.`
        : 'Not agreed yet.',
      '',
    );
    if (conversation.snapshot) lines.push(...snapshotLines(conversation.snapshot));
    const discussed = conversation.agenda.filter((item) => item.discussed || (item.notes?.length ?? 0) > 0);
    if (discussed.length > 0) {
      lines.push('### Discussed', '');
      for (const item of discussed) {
        lines.push(`- ${text(item.text)}`);
        // What each person wrote under it, line by line, attributed by role.
        for (const note of item.notes ?? []) {
          const [first = '', ...more] = note.text.split('\n');
          lines.push(`  - ${note.role === 'employee' ? 'Employee' : 'Manager'}: ${text(first)}`);
          for (const line of more) lines.push(`    ${text(line)}`);
        }
      }
      lines.push('');
    }
    lines.push('### Actions', '');
    if (actions.length === 0) lines.push('None.');
    for (const action of actions) {
      const details = [
        `owner: ${action.owner}`,
        action.learningKind ? LEARNING_KIND_NAMES[action.learningKind] : null,
        action.dueDate ? `due ${action.dueDate}` : null,
        STATUS[action.status],
      ].filter(Boolean);
      lines.push(`- ${text(action.title)} (${details.join(', ')})`);
    }
    lines.push('');
    if (myNote) lines.push('### My private note', '', ...myNote.text.split('\n').map((line) => `> ${text(line)}`), '');
  }
  return `${lines.join('\n')}\n`;
}
