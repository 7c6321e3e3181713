import { Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConversationView, NextConversationView } from '../../../functions/src/contract';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import { messageOf, type ApiClient } from '../api/client';
import { focusWhenDrawn } from './focus-after-write';
import { useFormats } from './format';
import { NextConversationForm } from './NextConversationForm';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  item: { overflowWrap: 'anywhere' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  subtle: { color: tokens.colorNeutralForeground2 },
  change: { minWidth: 0, padding: `0 ${tokens.spacingHorizontalXS}`, minHeight: '24px', verticalAlign: 'baseline' },
});

export const NEXT_DATE_BUTTON = 'next-date-button';

/**
 * What the app already knows about the pair, where they talk: job development overdue (in a job conversation), the
 * manager holding too many of the open actions, the points prepared ahead, and when they meet next (either of them
 * sets that here, for the reminder to prepare).
 */
export function PairContext({
  api,
  view,
  onChanged,
}: {
  api: ApiClient;
  view: ConversationView;
  /** After the next conversation's date changed: the panel reads the view again. */
  onChanged: (words: string) => void;
}) {
  const styles = useStyles();
  const { date } = useFormats();
  const [editing, setEditing] = useState<NextConversationView | 'loading' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { context, role, employee, manager } = view;
  const prepared = view.conversation.agenda.filter((item) => item.prepared).length;
  const { employee: theirs, manager: held } = context.openActions;
  const holder = role === 'manager' ? 'You hold' : `${manager.displayName} holds`;
  const next = context.nextConversation;

  const openForm = async () => {
    setEditing('loading');
    setError(null);
    try {
      // The date's ETag comes with the plan: read once, when the person wants to change it.
      setEditing((await api.plan(employee.id)).nextConversation);
    } catch (caught) {
      setEditing(null);
      setError(messageOf(caught));
    }
  };

  return (
    <>
      <ul className={styles.list} aria-label="About this plan" data-testid="pair-context">
        {view.conversation.type === 'job' && context.jobDevelopment.overdue ? (
          <li className={mergeClasses(styles.item, styles.warning)} data-testid="context-overdue">
            {context.jobDevelopment.overdueDays !== null
              ? `Job development is overdue by ${context.jobDevelopment.overdueDays} ${context.jobDevelopment.overdueDays === 1 ? 'day' : 'days'}.`
              : 'Job development is overdue.'}
          </li>
        ) : null}
        {context.managerHoldsTooMuch ? (
          <li className={mergeClasses(styles.item, styles.warning)} data-testid="context-holds">
            {holder} {held} of the {held + theirs} open actions from earlier plans
            {role === 'manager' ? `: hand some back to ${employee.displayName}.` : '.'}
          </li>
        ) : null}
        {prepared > 0 ? (
          <li className={mergeClasses(styles.item, styles.subtle)} data-testid="context-prepared">
            {prepared} talking {prepared === 1 ? 'point was' : 'points were'} prepared ahead: see Talking points.
          </li>
        ) : null}
        <li className={mergeClasses(styles.item, styles.subtle)} data-testid="context-next">
          {next
            ? `Next conversation: ${date(next.date)}${next.type ? ` (${CONVERSATION_TYPE_NAMES[next.type].toLowerCase()})` : ''}.`
            : 'No next date yet.'}{' '}
          {editing === null ? (
            <Button
              id={NEXT_DATE_BUTTON}
              className={styles.change}
              size="small"
              appearance="transparent"
              onClick={() => void openForm()}
              aria-label={next ? 'Change the date of your next conversation' : 'Set a date for your next conversation'}
            >
              {next ? 'Change' : 'Set a date'}
            </Button>
          ) : null}
        </li>
      </ul>
      {error ? <Text className={styles.warning}>{error}</Text> : null}
      {editing === 'loading' ? <Spinner size="tiny" label="Reading the date…" /> : null}
      {editing && editing !== 'loading' ? (
        <NextConversationForm
          api={api}
          employeeId={employee.id}
          current={editing}
          onSaved={(_, words) => {
            setEditing(null);
            onChanged(words);
            focusWhenDrawn(NEXT_DATE_BUTTON);
          }}
          onClose={() => {
            setEditing(null);
            focusWhenDrawn(NEXT_DATE_BUTTON);
          }}
        />
      ) : null}
    </>
  );
}
