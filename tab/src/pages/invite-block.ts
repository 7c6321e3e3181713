import type { CareerPlan, InviteKindAgenda, Person } from '../../../functions/src/contract';
import { ASPIRATION_NAMES, CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';

/**
 * The agenda block the Outlook add-in puts at the top of a 1:1 invite: short, every text escaped, nothing private.
 * It holds the kind, the headings, the prepared talking points, the employee's career plan only when they chose
 * to add it, and a link that opens the plan in Teams. Its first and last lines are fixed words, and its wrapper's id
 * carries a fingerprint of its content, so a later insert can find it (Mailbox 1.3's body.getAsync) and tell whether
 * it changed; no text a person typed can make such an id, since every quote and angle bracket is escaped.
 */

export const BLOCK_FIRST_LINE = 'Career conversation agenda';
export const BLOCK_LAST_LINE = 'End of the career conversation agenda';
const ID_PREFIX = 'career-conversations-agenda-';
/** Outlook on the web prefixes ids with x_ in the HTML it hands back; both forms are the block. */
const BLOCK_ID = /^(?:x_)?career-conversations-agenda-([0-9a-f]{8})$/;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell one agenda's content from another's. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(text)) {
    hash ^= unit;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export interface BlockInput {
  agenda: InviteKindAgenda;
  employee: Person;
  manager: Person;
  /** The employee's career plan, only when the employee ticked it in the pane (career conversations only). */
  careerPlan: CareerPlan | null;
  /** Opens the employee's plan in Teams. */
  planLink: string;
}

export interface AgendaBlock {
  html: string;
  /** The same, as plain text, for a body that is not HTML. */
  text: string;
  fingerprint: string;
}

function careerPlanLines(plan: CareerPlan): string[] {
  const lines: string[] = [];
  if (plan.aspiration) lines.push(`Aspiration: ${ASPIRATION_NAMES[plan.aspiration]}`);
  if (plan.focusAreas.length > 0) lines.push(`Focus areas: ${plan.focusAreas.join(', ')}`);
  if (plan.careerScenario) lines.push(`Career scenario: ${plan.careerScenario}`);
  return lines;
}

export function agendaBlock(input: BlockInput): AgendaBlock {
  const { agenda, employee, manager, careerPlan, planLink } = input;
  const kindName = CONVERSATION_TYPE_NAMES[agenda.kind];
  const authorOf = (role: 'employee' | 'manager') => (role === 'employee' ? employee : manager).displayName;
  const planLines = careerPlan && agenda.kind === 'career' ? careerPlanLines(careerPlan) : [];
  const list = (items: string[], ordered: boolean) =>
    `<${ordered ? 'ol' : 'ul'}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`;
  const points = agenda.prepared.map((point) => `${point.text} (${authorOf(point.role)})`);
  const content = [
    `<p><strong>${escapeHtml(BLOCK_FIRST_LINE)}</strong>: ${escapeHtml(kindName)}</p>`,
    `<p>${escapeHtml(agenda.title)}, with Career Conversations.</p>`,
    `<p><strong>Agenda</strong></p>`,
    list(agenda.headings, true),
    ...(points.length > 0 ? [`<p><strong>Prepared talking points</strong></p>`, list(points, false)] : []),
    ...(planLines.length > 0
      ? [`<p><strong>${escapeHtml(`${employee.displayName}’s career plan`)}</strong></p>`, list(planLines, false)]
      : []),
    `<p><a href="${escapeHtml(planLink)}">Open the plan in Teams</a></p>`,
    `<p>${escapeHtml(BLOCK_LAST_LINE)}</p>`,
  ].join('');
  const hash = fingerprint(content);
  const text = [
    `${BLOCK_FIRST_LINE}: ${kindName}`,
    `${agenda.title}, with Career Conversations.`,
    'Agenda:',
    ...agenda.headings.map((heading, index) => `${index + 1}. ${heading}`),
    ...(points.length > 0 ? ['Prepared talking points:', ...points.map((point) => `- ${point}`)] : []),
    ...(planLines.length > 0
      ? [`${employee.displayName}’s career plan:`, ...planLines.map((line) => `- ${line}`)]
      : []),
    `Open the plan in Teams: ${planLink}`,
    BLOCK_LAST_LINE,
    '',
    '',
  ].join('\n');
  return { html: `<div id="${ID_PREFIX}${hash}">${content}</div><p></p>`, text, fingerprint: hash };
}

/**
 * The fingerprints of the agenda blocks in a body's HTML, in order: none when the add-in never inserted one. A block
 * that holds another is the wrapper an earlier agenda left when its content was selected and replaced: the inner one
 * counts. The HTML is parsed inert (DOMParser runs nothing).
 */
export function blocksIn(bodyHtml: string): string[] {
  const found = [...new DOMParser().parseFromString(bodyHtml, 'text/html').querySelectorAll('[id]')].filter((element) =>
    BLOCK_ID.test(element.id),
  );
  return found
    .filter((element) => !found.some((other) => other !== element && element.contains(other)))
    .map((element) => BLOCK_ID.exec(element.id)?.[1] ?? '');
}

/**
 * Whether a selection (its HTML) is a whole earlier agenda: its text runs from the block's first line to its last.
 * The organizer selects it; the add-in replaces only such a selection.
 */
export function isWholeBlock(selectionHtml: string): boolean {
  const text = new DOMParser().parseFromString(selectionHtml, 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  return text.startsWith(BLOCK_FIRST_LINE) && text.endsWith(BLOCK_LAST_LINE);
}
