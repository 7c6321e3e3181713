import { Badge, Button, Field, Input, Select, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { TEXT_LIMITS, type ActionView, type ConversationSummary, type PlanView } from '../../../functions/src/contract';
import {
  ASPIRATIONS,
  ASPIRATION_NAMES,
  CONVERSATION_TYPE_NAMES,
  LIMITS,
  type Aspiration,
  type ConversationType,
  type PlanRole,
} from '../../../functions/src/domain';
import { messageOf, type ApiClient } from '../api/client';
import { ActionList } from '../components/ActionList';
import { PlanDataCard } from '../components/PlanDataCard';
import { useCardStyles } from '../components/card.styles';
import { ProblemBar } from '../components/ProblemBar';
import { WhatChanged } from '../components/WhatChanged';
import { useTabStyles } from './tab.styles';

const LearningMixChart = lazy(() => import('../components/LearningMixChart'));

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

function CareerPlanCard({ api, plan, onSaved }: { api: ApiClient; plan: PlanView; onSaved: () => void }) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const editable = plan.role === 'employee';
  const [aspiration, setAspiration] = useState<Aspiration | ''>(plan.careerPlan.aspiration ?? '');
  const [focus, setFocus] = useState<string[]>(
    [...plan.careerPlan.focusAreas, '', '', '', ''].slice(0, LIMITS.focusAreas),
  );
  const [scenario, setScenario] = useState(plan.careerPlan.careerScenario ?? '');
  const [status, setStatus] = useState<{ busy: boolean; error: string | null; saved: boolean }>({
    busy: false,
    error: null,
    saved: false,
  });

  if (!editable) {
    return (
      <section className={card} aria-labelledby="career-plan">
        <h2 id="career-plan" className={styles.h2}>
          Career plan
        </h2>
        <Text>
          Aspiration: {plan.careerPlan.aspiration ? ASPIRATION_NAMES[plan.careerPlan.aspiration] : 'not chosen yet'}
        </Text>
        <Text>
          Focus areas: {plan.careerPlan.focusAreas.length ? plan.careerPlan.focusAreas.join(' · ') : 'none yet'}
        </Text>
        {plan.careerPlan.careerScenario ? <Text>Career scenario: {plan.careerPlan.careerScenario}</Text> : null}
        <Text className={styles.subtle}>{plan.employee.displayName} owns this plan; you can read it.</Text>
      </section>
    );
  }
  const save = async () => {
    setStatus({ busy: true, error: null, saved: false });
    try {
      await api.putCareerPlan(
        plan.employee.id,
        {
          aspiration: aspiration || null,
          focusAreas: focus.map((entry) => entry.trim()).filter(Boolean),
          careerScenario: scenario.trim() || null,
        },
        plan.careerPlan.etag,
      );
      setStatus({ busy: false, error: null, saved: true });
      onSaved();
    } catch (error) {
      setStatus({ busy: false, error: messageOf(error), saved: false });
    }
  };
  return (
    <section className={card} aria-labelledby="career-plan">
      <h2 id="career-plan" className={styles.h2}>
        My career plan
      </h2>
      <Text className={styles.subtle}>
        Yours to own. Your manager can read it and support you. Every direction is a good one.
      </Text>
      <div className={styles.fields}>
        <Field label="Aspiration">
          <Select
            value={aspiration}
            onChange={(_, data) => {
              setAspiration(data.value as Aspiration | '');
            }}
          >
            <option value="">Not chosen yet</option>
            {ASPIRATIONS.map((entry) => (
              <option key={entry} value={entry}>
                {ASPIRATION_NAMES[entry]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Career scenario" hint="Optional: a role you picture yourself in.">
          <Input
            value={scenario}
            maxLength={TEXT_LIMITS.careerScenario}
            onChange={(_, data) => {
              setScenario(data.value);
            }}
          />
        </Field>
        {focus.map((value, index) => (
          <Field key={index} label={`Focus area ${index + 1}`}>
            <Input
              value={value}
              maxLength={TEXT_LIMITS.focusArea}
              onChange={(_, data) => {
                setFocus(focus.map((entry, position) => (position === index ? data.value : entry)));
              }}
            />
          </Field>
        ))}
      </div>
      {status.error ? <ProblemBar message={status.error} /> : null}
      <div className={styles.row}>
        <Button appearance="primary" disabled={status.busy} onClick={() => void save()}>
          Save my career plan
        </Button>
        {status.saved ? <Text role="status">Saved.</Text> : null}
      </div>
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
  const { conversation } = item;
  return (
    <li className={card}>
      <div className={styles.row}>
        <h3 className={styles.h3}>{CONVERSATION_TYPE_NAMES[conversation.type]}</h3>
        <Text className={styles.subtle}>{conversation.createdAt.slice(0, 10)}</Text>
        <Badge appearance="tint" color={conversation.status === 'agreed' ? 'success' : 'informative'}>
          {conversation.status === 'agreed' ? 'Agreed' : 'In progress'}
        </Badge>
        <Text className={styles.subtle}>
          {conversation.discussedItems} of {conversation.agendaItems} agenda items discussed
        </Text>
      </div>
      {conversation.snapshot ? <WhatChanged snapshot={conversation.snapshot} /> : null}
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

/** The plan history: career plan, every conversation newest first, and the learning mix over time. */
export default function MyPlan({
  api,
  employeeId,
  onBack,
}: {
  api: ApiClient;
  employeeId: string;
  onBack?: () => void;
}) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [continuation, setContinuation] = useState<string | null>(null);
  const [filter, setFilter] = useState<ConversationType | 'all'>('all');
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
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      <CareerPlanCard key={plan.careerPlan.etag ?? 'new'} api={api} plan={plan} onSaved={() => void load()} />
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
      <PlanDataCard api={api} employeeId={employeeId} mine={mine} onDeleted={() => void load()} />
    </main>
  );
}
