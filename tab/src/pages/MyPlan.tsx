import { Badge, Button, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import type { ActionView, ConversationSummary, PlanView } from '../../../functions/src/contract';
import type { ConversationType, PlanRole } from '../../../functions/src/domain';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import type { PlanSection } from '../host/app-id';
import { messageOf, type ApiClient } from '../api/client';
import { ActionList } from '../components/ActionList';
import { CareerPlanEditor } from '../components/CareerPlanEditor';
import { PlanDataCard } from '../components/PlanDataCard';
import { PreparedPointsCard } from '../components/PreparedPointsCard';
import { useFitBadgeStyles } from '../components/badge.styles';
import { useCardStyles } from '../components/card.styles';
import { useFormats } from '../components/format';
import { ProblemBar } from '../components/ProblemBar';
import { WhatChanged } from '../components/WhatChanged';
import { WhatWasSaid } from '../components/WhatWasSaid';
import { useTabStyles } from './tab.styles';

const LearningMixChart = lazy(() => import('../components/LearningMixChart'));
const NudgePreferencesCard = lazy(() => import('../components/NudgePreferencesCard'));

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

/** The actions that serve each focus area, from the conversations loaded below. */
function ByFocusArea({
  plan,
  items,
  names,
}: {
  plan: PlanView;
  items: ConversationSummary[];
  names: { employee: string; manager: string };
}) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const actions = items.flatMap((item) => item.actions).filter((action) => action.focusArea);
  const current = plan.careerPlan.focusAreas;
  // Areas the plan no longer names still show, so no action drops out of sight.
  const earlier = [...new Set(actions.map((action) => action.focusArea ?? ''))].filter(
    (area) => area !== '' && !current.includes(area),
  );
  const areas = [...current, ...earlier];
  if (areas.length === 0) return null;
  return (
    <section className={card} aria-labelledby="by-focus-heading" data-testid="by-focus-area">
      <h2 id="by-focus-heading" className={styles.h2}>
        By focus area
      </h2>
      <Text className={styles.subtle}>
        What each focus area of the career plan is being worked on with, from the conversations listed below.
      </Text>
      {areas.map((area) => {
        const serving = actions.filter((action) => action.focusArea === area);
        return (
          <div key={area} className={styles.area}>
            <h3 className={styles.h3}>
              {area}
              {current.includes(area) ? null : <span className={styles.subtle}> (no longer in the plan)</span>}
            </h3>
            {serving.length > 0 ? (
              <ActionList
                actions={serving}
                names={names}
                myRole={plan.role}
                busy={false}
                mode="readOnly"
                label={`Actions serving ${area}`}
                showFocusArea={false}
              />
            ) : (
              <Text className={styles.subtle}>No action serves this area yet.</Text>
            )}
          </div>
        );
      })}
    </section>
  );
}

function HistoryItem({
  item,
  names,
  myRole,
  onStatus,
  busy,
}: {
  item: ConversationSummary;
  names: { employee: string; manager: string };
  myRole: PlanRole;
  busy: boolean;
  onStatus: (action: ActionView, status: ActionView['status']) => void;
}) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const { fit } = useFitBadgeStyles();
  const { date } = useFormats();
  const { conversation } = item;
  return (
    <li className={card}>
      <div className={styles.row}>
        <h3 className={styles.h3}>{CONVERSATION_TYPE_NAMES[conversation.type]}</h3>
        <Text className={styles.subtle}>{date(conversation.agreedAt ?? conversation.createdAt)}</Text>
        <Badge className={fit} appearance="tint" color={conversation.status === 'agreed' ? 'success' : 'informative'}>
          {conversation.status === 'agreed' ? 'Agreed' : 'In progress'}
        </Badge>
        <Text className={styles.subtle}>
          {conversation.discussedItems} of {conversation.agendaItems} agenda items discussed
        </Text>
      </div>
      {conversation.snapshot ? <WhatChanged snapshot={conversation.snapshot} /> : null}
      <WhatWasSaid notes={item.notes} names={names} />
      <ActionList
        actions={item.actions}
        names={names}
        myRole={myRole}
        busy={busy}
        mode={conversation.status === 'agreed' ? 'agreed' : 'readOnly'}
        onStatus={onStatus}
      />
    </li>
  );
}

/** The parts of the page, in order, with the headings a link lands on. */
const SECTIONS: { id: PlanSection; heading: string; label: string; otherLabel?: string; ownOnly?: boolean }[] = [
  { id: 'plan', heading: 'my-plan-title', label: 'Career plan' },
  { id: 'prepare', heading: 'prepare-heading', label: 'Prepare' },
  { id: 'history', heading: 'history-heading', label: 'Conversations' },
  { id: 'reminders', heading: 'reminders-section', label: 'Reminders', ownOnly: true },
  { id: 'data', heading: 'data-heading', label: 'Your data', otherLabel: 'Export' },
];

/** Scrolls to one part of the page and puts the keyboard there, as a link to it promised. */
function goTo(section: PlanSection): void {
  const heading = document.getElementById(SECTIONS.find((entry) => entry.id === section)?.heading ?? '');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** The plan history: career plan, every conversation newest first, and the learning mix over time. */
export default function MyPlan({
  api,
  employeeId,
  onBack,
  landOn = null,
}: {
  api: ApiClient;
  employeeId: string;
  onBack?: () => void;
  /** The part of the page a link asked for (the history, from the side panel). */
  landOn?: PlanSection | null;
}) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [continuation, setContinuation] = useState<string | null>(null);
  const [filter, setFilter] = useState<ConversationType | 'all'>('all');
  // Deleting the plan with the choice of reminders draws that card again, from what is stored now.
  const [settingsDeletions, setSettingsDeletions] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // State changes only once the answers are in, so the effect that loads never renders twice in a row.
  const load = useCallback(
    () =>
      Promise.all([api.plan(employeeId), api.history(employeeId, filter === 'all' ? {} : { type: filter })]).then(
        ([loadedPlan, page]) => {
          setError(null);
          setPlan(loadedPlan);
          setItems(page.items);
          setContinuation(page.continuation);
        },
        (caught: unknown) => {
          setError(messageOf(caught));
        },
      ),
    [api, employeeId, filter],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Once the page has what the link asked for, land there, once.
  const landed = useRef(false);
  useEffect(() => {
    if (!plan || !landOn || landed.current) return;
    landed.current = true;
    requestAnimationFrame(() => {
      goTo(landOn);
    });
  }, [plan, landOn]);

  const more = async () => {
    setBusy(true);
    try {
      const page = await api.history(employeeId, { continuation, ...(filter === 'all' ? {} : { type: filter }) });
      setItems((current) => [...current, ...page.items]);
      setContinuation(page.continuation);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (action: ActionView, status: ActionView['status']) => {
    setBusy(true);
    try {
      await api.updateAction(employeeId, action, { status });
      await load();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  if (error && !plan)
    return (
      <main className={styles.root}>
        <ProblemBar message={error} onRetry={() => void load()} />
      </main>
    );
  if (!plan)
    return (
      <main className={styles.root}>
        <Spinner label="Loading the plan…" />
      </main>
    );
  const mine = plan.role === 'employee';
  const names = { employee: plan.employee.displayName, manager: plan.manager?.displayName ?? 'Manager' };

  return (
    <main className={styles.root}>
      {onBack ? (
        <Button className={styles.back} appearance="subtle" onClick={onBack}>
          ‹ Back to my team
        </Button>
      ) : null}
      <header>
        <h1 className={styles.h1}>{mine ? 'My plan' : `${plan.employee.displayName}’s plan`}</h1>
        <Text className={styles.subtle}>
          {count(plan.summary.conversations, 'agreed conversation')} ·{' '}
          {count(plan.summary.openActions.employee, 'open action')} owned by {mine ? 'you' : plan.employee.displayName},{' '}
          {plan.summary.openActions.manager} by {mine ? 'your manager' : 'you'}
        </Text>
      </header>
      <nav aria-label="On this page" className={styles.pageNav}>
        {SECTIONS.filter((entry) => mine || !entry.ownOnly).map((entry) => (
          <a
            key={entry.id}
            href={`#${entry.heading}`}
            className={styles.pageLink}
            onClick={(event) => {
              event.preventDefault();
              goTo(entry.id);
            }}
          >
            {mine ? entry.label : (entry.otherLabel ?? entry.label)}
          </a>
        ))}
      </nav>
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      <div className={card}>
        <CareerPlanEditor
          plan={plan.careerPlan}
          employeeName={plan.employee.displayName}
          editable={mine}
          parts={['aspiration', 'scenario', 'focus']}
          idPrefix="my-plan"
          title={mine ? 'My career plan' : 'Career plan'}
          saveLabel="Save my career plan"
          layout="page"
          onSave={async (body, etag) => {
            const saved = await api.putCareerPlan(plan.employee.id, body, etag);
            setPlan((loaded) => (loaded ? { ...loaded, careerPlan: saved } : loaded));
            return saved;
          }}
        />
      </div>
      <PreparedPointsCard
        api={api}
        plan={plan}
        onChange={(prepared) => {
          setPlan((loaded) => (loaded ? { ...loaded, prepared } : loaded));
        }}
        onNextChange={(nextConversation) => {
          setPlan((loaded) => (loaded ? { ...loaded, nextConversation } : loaded));
        }}
      />
      <ByFocusArea plan={plan} items={items} names={names} />
      <section className={card} aria-labelledby="mix-heading">
        <h2 id="mix-heading" className={styles.h2}>
          Learning mix over time
        </h2>
        <Text className={styles.subtle}>Roughly 70 on the job, 20 from others, 10 formal is a healthy plan.</Text>
        <Suspense fallback={<Spinner size="tiny" label="Drawing the chart…" />}>
          <LearningMixChart items={items} />
        </Suspense>
      </section>
      <section aria-labelledby="history-heading" className={styles.list}>
        <h2 id="history-heading" className={styles.h2}>
          Conversations
        </h2>
        <TabList
          className={styles.tabs}
          selectedValue={filter}
          onTabSelect={(_, data) => {
            setFilter(data.value as ConversationType | 'all');
          }}
        >
          <Tab value="all">All</Tab>
          <Tab value="job">Job development</Tab>
          <Tab value="career">Career development</Tab>
        </TabList>
        {items.length === 0 ? <Text>No conversations yet. Start one from a 1:1 meeting’s side panel.</Text> : null}
        <ul className={styles.list}>
          {items.map((item) => (
            <HistoryItem
              key={item.conversation.id}
              item={item}
              names={names}
              myRole={plan.role}
              busy={busy}
              onStatus={(action, status) => void changeStatus(action, status)}
            />
          ))}
        </ul>
        {continuation ? (
          <Button disabled={busy} onClick={() => void more()}>
            Show older conversations
          </Button>
        ) : null}
      </section>
      {/* The person's own reminders: never on a report's plan the manager opened. */}
      {mine ? (
        <div id="reminders-section">
          <Suspense fallback={<Spinner size="tiny" label="Loading your reminders…" />}>
            <NudgePreferencesCard key={settingsDeletions} api={api} audience="employee" />
          </Suspense>
        </div>
      ) : null}
      <PlanDataCard
        api={api}
        employeeId={employeeId}
        mine={mine}
        onDeleted={(settings) => {
          if (settings === 'delete') setSettingsDeletions((count) => count + 1);
          void load();
        }}
      />
    </main>
  );
}
