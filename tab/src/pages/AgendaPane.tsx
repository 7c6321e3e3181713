import {
  Button,
  Checkbox,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InviteAgenda } from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain/vocabulary';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import { ApiProblem, type ApiClient } from '../api/client';
import { focusWhenDrawn } from '../components/focus-after-write';
import { MANIFEST_APP_ID, appPageDeepLink, planSubPageId } from '../host/app-id';
import {
  prependToBody,
  readAttendees,
  readBodyHtml,
  readSelection,
  replaceSelection,
  type OutlookContext,
} from '../host/office-host';
import { BLOCK_FIRST_LINE, BLOCK_LAST_LINE, agendaBlock, blocksIn, isWholeBlock } from './invite-block';
import { useTabStyles } from './tab.styles';

/** The app as Teams knows it in the organisation's catalog, when the build was told; else the manifest's id. */
const TEAMS_APP_ID = import.meta.env.VITE_TEAMS_CATALOG_APP_ID ?? MANIFEST_APP_ID;

const useStyles = makeStyles({
  pane: { maxWidth: '420px' },
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  point: { overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  status: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

type Load =
  | { status: 'loading' }
  | { status: 'refused' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; agenda: InviteAgenda; attendees: string[] };

/** What the last press of Add to invite found: nothing to do, or an earlier agenda to replace. */
type Outcome =
  | { kind: 'done'; message: string }
  /** `canCheck`: the organizer's selection can be checked (Mailbox 1.2), so the pane can replace it. */
  | { kind: 'earlier'; canCheck: boolean }
  | { kind: 'failed'; message: string }
  | null;

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a.map((entry) => entry.trim().toLowerCase()));
  const right = new Set(b.map((entry) => entry.trim().toLowerCase()));
  return left.size === right.size && [...left].every((entry) => right.has(entry));
};

function reasonText(agenda: InviteAgenda, partner: string, mine: boolean): string {
  const { reason } = agenda.suggested;
  if (reason === 'draft') return 'A conversation of this kind is already under way: this meeting can continue it.';
  if (reason === 'scheduled') return 'This is the kind set for your next conversation.';
  if (reason === 'overdue') {
    const days = agenda.jobDevelopment.overdueDays;
    return days === null
      ? 'Job development is overdue: no job development conversation has been agreed yet.'
      : `Job development is overdue by ${days} day${days === 1 ? '' : 's'}.`;
  }
  return `Job development is the regular conversation. Career development is ${mine ? 'your' : `${partner}’s`} choice, whenever ${mine ? 'you want' : 'they want'} it.`;
}

function problemText(error: unknown): string {
  if (error instanceof ApiProblem) return error.problem.detail;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * The Outlook add-in's task pane, on the organizer's meeting form: the 1:1's pair (from the invite's attendees, by
 * the API), the kind of conversation to hold, its headings and prepared points, and "Add to invite", which puts a
 * short agenda at the top of the invite. Nothing private goes in; the employee's career plan only when they tick it.
 */
export function AgendaPane({ api, outlook }: { api: ApiClient; outlook: OutlookContext }) {
  const styles = useStyles();
  const tab = useTabStyles();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [kind, setKind] = useState<ConversationType | null>(null);
  const [shareCareerPlan, setShareCareerPlan] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // An earlier agenda was found and the selection can be checked: Replace stays offered until it is done.
  const [replaceable, setReplaceable] = useState(false);
  // Where Mailbox 1.3 cannot read the body, what this pane inserted into this invite is what it knows.
  const inserted = useRef<string | null>(null);

  const resolve = useCallback(async (): Promise<Load> => {
    const attendees = await readAttendees();
    try {
      return { status: 'ready', agenda: await api.inviteAgenda(attendees), attendees };
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return { status: 'refused' };
      return { status: 'failed', message: problemText(error) };
    }
  }, [api]);

  /** Reads the attendees and asks the API; `isCurrent` says whether the answer is still wanted. */
  const reload = useCallback(
    (isCurrent: () => boolean = () => true) => {
      resolve().then(
        (next) => {
          if (!isCurrent()) return;
          setLoad(next);
          if (next.status === 'ready') setKind(next.agenda.suggested.kind);
        },
        (error: unknown) => {
          if (isCurrent()) setLoad({ status: 'failed', message: problemText(error) });
        },
      );
    },
    [resolve],
  );

  useEffect(() => {
    let current = true;
    reload(() => current);
    return () => {
      current = false;
    };
  }, [reload]);

  const refresh = () => {
    setLoad({ status: 'loading' });
    setOutcome(null);
    setReplaceable(false);
    reload();
  };

  const ready = load.status === 'ready' ? load : null;
  const agenda = ready?.agenda ?? null;
  const chosen = agenda?.agendas.find((entry) => entry.kind === kind) ?? null;
  const mine = agenda?.role === 'employee';
  const partner = agenda ? (mine ? agenda.manager : agenda.employee) : null;
  const planLink = agenda
    ? appPageDeepLink(TEAMS_APP_ID, 'myplan', planSubPageId(agenda.employee.id, 'prepare'))
    : appPageDeepLink(TEAMS_APP_ID, 'myplan');

  const block = useMemo(() => {
    if (!agenda || !chosen) return null;
    return agendaBlock({
      agenda: chosen,
      employee: agenda.employee,
      manager: agenda.manager,
      careerPlan: mine && shareCareerPlan ? agenda.careerPlan : null,
      planLink,
    });
  }, [agenda, chosen, mine, shareCareerPlan, planLink]);

  const finish = (next: Outcome) => {
    setOutcome(next);
    if (next?.kind === 'earlier') setReplaceable(next.canCheck);
    else if (next?.kind === 'done') setReplaceable(false);
    setBusy(false);
    focusWhenDrawn('invite-outcome');
  };

  /** The attendees may have changed since the pane opened: the pair is checked again before anything goes in. */
  const stillTheSamePair = async (): Promise<boolean> => {
    if (!ready) return false;
    const attendees = await readAttendees();
    if (sameSet(attendees, ready.attendees)) return true;
    const next = await resolve();
    setLoad(next);
    if (next.status === 'ready' && next.agenda.employee.id === ready.agenda.employee.id) return true;
    if (next.status === 'ready') setKind(next.agenda.suggested.kind);
    return false;
  };

  const addToInvite = async () => {
    if (!block || busy) return;
    setBusy(true);
    try {
      if (!(await stillTheSamePair())) {
        finish({ kind: 'failed', message: 'The attendees changed: check the agenda again before adding it.' });
        return;
      }
      const body = await readBodyHtml(outlook);
      const earlier = body === null ? (inserted.current ? [inserted.current] : []) : blocksIn(body);
      if (earlier.length === 0) {
        await prependToBody(block.html, block.text);
        inserted.current = block.fingerprint;
        finish({ kind: 'done', message: 'Added at the top of the invite.' });
      } else if (earlier.length === 1 && earlier[0] === block.fingerprint) {
        finish({ kind: 'done', message: 'This agenda is already at the top of the invite.' });
      } else {
        // Known only from this pane's memory (no Mailbox 1.3): once said, the next press trusts the organizer.
        if (body === null) inserted.current = null;
        finish({ kind: 'earlier', canCheck: outlook.canReadSelection });
      }
    } catch (error) {
      finish({ kind: 'failed', message: `The agenda was not added: ${problemText(error)}` });
    }
  };

  const replaceEarlier = async () => {
    if (!block || busy) return;
    setBusy(true);
    try {
      const selection = await readSelection(outlook);
      if (selection === null || !isWholeBlock(selection)) {
        finish({
          kind: 'failed',
          message: `Select the whole earlier agenda in the invite, from “${BLOCK_FIRST_LINE}” to “${BLOCK_LAST_LINE}”, then choose Replace the selected agenda.`,
        });
        return;
      }
      await replaceSelection(block.html);
      inserted.current = block.fingerprint;
      finish({ kind: 'done', message: 'The earlier agenda was replaced.' });
    } catch (error) {
      finish({ kind: 'failed', message: `The agenda was not replaced: ${problemText(error)}` });
    }
  };

  const title = (
    <h1 className={tab.h1} id="pane-title">
      Career conversation agenda
    </h1>
  );

  if (load.status === 'loading') {
    return (
      <main className={`${tab.root} ${styles.pane}`} aria-labelledby="pane-title">
        {title}
        <Spinner label="Looking at the invite’s attendees…" />
      </main>
    );
  }

  if (load.status === 'refused' || load.status === 'failed') {
    return (
      <main className={`${tab.root} ${styles.pane}`} aria-labelledby="pane-title">
        {title}
        {load.status === 'refused' ? (
          <MessageBar intent="info" layout="multiline" role="status">
            <MessageBarBody>
              <MessageBarTitle>No 1:1 agenda for this invite</MessageBarTitle>
              Career Conversations adds an agenda to a meeting between you and one other person: your manager or someone
              who reports to you. Invite just that person, then check again.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>The agenda could not be loaded</MessageBarTitle>
              {load.message}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button onClick={refresh}>Check the attendees again</Button>
        </div>
      </main>
    );
  }

  const current = load.agenda;
  const other = partner?.displayName ?? '';
  return (
    <main className={`${tab.root} ${styles.pane}`} aria-labelledby="pane-title">
      {title}
      <section className={styles.section} aria-labelledby="pair-heading">
        <h2 className={tab.h2} id="pair-heading">
          Your 1:1 with {other}
        </h2>
        <Text>
          {mine
            ? `${other} is your manager: this is about your own plan.`
            : `${other} reports to you: this is about ${other}’s plan.`}
        </Text>
      </section>

      <RadioGroup
        aria-labelledby="kind-heading"
        value={kind ?? current.suggested.kind}
        onChange={(_, data) => {
          setKind(data.value === 'career' ? 'career' : 'job');
          setOutcome(null);
          setReplaceable(false);
        }}
      >
        <h2 className={tab.h2} id="kind-heading">
          Conversation to hold
        </h2>
        {current.agendas.map((entry) => (
          <Radio
            key={entry.kind}
            value={entry.kind}
            label={`${CONVERSATION_TYPE_NAMES[entry.kind]}${entry.kind === current.suggested.kind ? ' (suggested)' : ''}`}
          />
        ))}
      </RadioGroup>
      <Text className={tab.subtle}>{reasonText(current, other, mine)}</Text>

      {chosen ? (
        <section className={styles.section} aria-labelledby="agenda-heading">
          <h2 className={tab.h2} id="agenda-heading">
            Agenda
          </h2>
          <ol className={styles.list}>
            {chosen.headings.map((heading) => (
              <li key={heading}>{heading}</li>
            ))}
          </ol>
          <h2 className={tab.h2} id="prepared-heading">
            Prepared talking points
          </h2>
          {chosen.prepared.length > 0 ? (
            <ul className={styles.list} aria-labelledby="prepared-heading">
              {chosen.prepared.map((point) => (
                <li key={point.id} className={styles.point}>
                  {point.text}{' '}
                  <Text className={tab.subtle}>
                    ({point.role === 'employee' ? current.employee.displayName : current.manager.displayName})
                  </Text>
                </li>
              ))}
            </ul>
          ) : (
            <Text className={tab.subtle}>Nothing prepared for this kind yet.</Text>
          )}
        </section>
      ) : null}

      {kind === 'career' && mine && current.careerPlan ? (
        <Checkbox
          checked={shareCareerPlan}
          onChange={(_, data) => {
            setShareCareerPlan(data.checked === true);
            setOutcome(null);
            setReplaceable(false);
          }}
          label={`Add my career plan (aspiration and focus areas) to the invite: ${other} and anyone the invite reaches will read it`}
        />
      ) : null}
      {kind === 'career' && !mine ? (
        <Text className={tab.subtle}>
          {other}’s career plan stays out of the invite: only {other} can add it, from an invite they write.
        </Text>
      ) : null}
      <Text className={tab.subtle}>Private notes never go into an invite.</Text>

      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void addToInvite()} disabledFocusable={busy}>
          {busy ? 'Adding…' : 'Add to invite'}
        </Button>
        {replaceable ? (
          <Button onClick={() => void replaceEarlier()} disabledFocusable={busy}>
            Replace the selected agenda
          </Button>
        ) : null}
      </div>
      <div id="invite-outcome" tabIndex={-1} className={styles.status} role="status">
        {outcome?.kind === 'done' ? <Text>{outcome.message}</Text> : null}
        {outcome?.kind === 'failed' ? <Text>{outcome.message}</Text> : null}
        {outcome?.kind === 'earlier' ? (
          <Text>
            This invite already holds an earlier agenda.{' '}
            {outcome.canCheck
              ? `To replace it, select all of it in the invite — from “${BLOCK_FIRST_LINE}” to “${BLOCK_LAST_LINE}” — and choose Replace the selected agenda. Or delete it and choose Add to invite again.`
              : 'Delete it from the invite, then choose Add to invite again.'}
          </Text>
        ) : null}
      </div>
      <Link href={planLink} target="_blank" rel="noopener noreferrer">
        Open the plan in Teams
      </Link>
    </main>
  );
}
