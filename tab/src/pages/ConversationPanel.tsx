import { Badge, Button, Divider, Link, Spinner, Text } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import type {
  ActionView,
  AddActionRequest,
  CareerPlan,
  ConversationView,
  PutCareerPlanRequest,
  UpdateActionRequest,
} from '../../../functions/src/contract';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain/vocabulary';
import type { ApiClient, Versioned } from '../api/client';
import { useConversation } from '../api/use-conversation';
import { AgreementBar } from '../components/AgreementBar';
import { ActionList, editButtonId } from '../components/ActionList';
import { AgendaSection, sectionProgress } from '../components/AgendaSection';
import type { CareerPlanPart } from '../components/CareerPlanEditor';
import { FocusAreaChips } from '../components/FocusAreaChips';
import { useFitBadgeStyles } from '../components/badge.styles';
import { OwnershipMeter } from '../components/OwnershipMeter';
import { ProblemBar } from '../components/ProblemBar';
import { TalkingPointForm } from '../components/TalkingPointForm';
import { openDeepLink, planHistoryLink } from '../host/teams-host';
import { usePanelStyles } from './panel.styles';

// What opens on a click, and the career plan (in career conversations only), load when needed: the agenda's first
// paint does without their code.
const ActionForm = lazy(() => import('../components/ActionForm').then((module) => ({ default: module.ActionForm })));
const NoteEditor = lazy(() => import('../components/NoteEditor').then((module) => ({ default: module.NoteEditor })));
const CareerPlanEditor = lazy(() =>
  import('../components/CareerPlanEditor').then((module) => ({ default: module.CareerPlanEditor })),
);
const loading = <Spinner size="tiny" />;

type View = { kind: 'main' } | { kind: 'addAction' } | { kind: 'editAction'; action: ActionView } | { kind: 'note' };

const ADD_ACTION_BUTTON = 'add-action-button';
const PRIVATE_NOTE_BUTTON = 'private-note-button';

/** Where a career conversation's agenda asks about the career plan, and which parts it asks about. */
const CAREER_PLAN_SECTIONS: Record<string, { parts: CareerPlanPart[]; title: string; save: string }> = {
  direction: { parts: ['aspiration', 'scenario'], title: 'Career plan: direction', save: 'Save direction' },
  focus: { parts: ['focus'], title: 'Career plan: focus areas', save: 'Save focus areas' },
};

/** Only what the form changed, with cleared fields sent as null. */
function changesOf(action: ActionView, next: AddActionRequest): UpdateActionRequest {
  const body: UpdateActionRequest = {};
  if (next.title !== action.title) body.title = next.title;
  if (next.owner !== action.owner) body.owner = next.owner;
  if ((next.learningKind ?? null) !== (action.learningKind ?? null)) body.learningKind = next.learningKind ?? null;
  if ((next.dueDate ?? null) !== (action.dueDate ?? null)) body.dueDate = next.dueDate ?? null;
  if ((next.focusArea ?? null) !== (action.focusArea ?? null)) body.focusArea = next.focusArea ?? null;
  return body;
}

/** The career plan to show in the room: as it is now while a draft, as it was agreed afterwards. */
function careerPlanShown(view: ConversationView): { plan: CareerPlan; caption?: string } {
  const snapshot = view.conversation.snapshot;
  if (view.conversation.status === 'agreed' && snapshot) {
    return {
      plan: { ...snapshot.careerPlan, updatedAt: null, etag: null },
      caption: `As it stood when you agreed, on ${snapshot.agreedAt.slice(0, 10)}.`,
    };
  }
  return { plan: view.careerPlan };
}

/** The conversation both people work on during the 1:1. */
export function ConversationPanel({
  api,
  employeeId,
  conversationId,
  initial = null,
}: {
  api: ApiClient;
  employeeId: string;
  conversationId: string;
  /** The view the panel opened with, so it is not read a second time. */
  initial?: Versioned<ConversationView> | null;
}) {
  const styles = usePanelStyles();
  const conversation = useConversation(api, employeeId, conversationId, initial);
  const { fit } = useFitBadgeStyles();
  const [view, setView] = useState<View>({ kind: 'main' });
  // Sections a person opened or closed themselves; the others follow the discussion.
  const [openSections, setOpenSections] = useState<Record<string, boolean>>({});
  const current = conversation.view;
  // When a form closes, focus goes back to the control that opened it, not to the top of the panel.
  const focusOnReturn = useRef<string | null>(null);
  useEffect(() => {
    if (view.kind !== 'main' || !focusOnReturn.current) return;
    const target = document.getElementById(focusOnReturn.current);
    focusOnReturn.current = null;
    target?.focus();
  }, [view]);
  const backToAgenda = (focusId: string) => {
    focusOnReturn.current = focusId;
    setView({ kind: 'main' });
  };

  if (!current) {
    if (conversation.error)
      return (
        <div className={styles.root}>
          <ProblemBar message={conversation.error} onRetry={() => void conversation.refresh()} />
        </div>
      );
    return (
      <div className={styles.root}>
        <Spinner label="Opening the conversation…" />
      </div>
    );
  }

  const { employee, manager } = current;
  const draft = current.conversation.status === 'draft';
  const myRole = current.role;
  const other = myRole === 'employee' ? manager : employee;
  const names = { employee: employee.displayName, manager: manager.displayName };
  const people = {
    [employee.id]: myRole === 'employee' ? 'you' : employee.displayName,
    [manager.id]: myRole === 'manager' ? 'you' : manager.displayName,
  };
  const notices = (
    <>
      {conversation.error ? (
        <ProblemBar message={conversation.error} onRetry={() => void conversation.refresh()} />
      ) : null}
      {conversation.notice ? (
        <ProblemBar intent="warning" message={conversation.notice} onDismiss={conversation.clearNotice} />
      ) : null}
    </>
  );

  const focusAreas = current.careerPlan.focusAreas;
  if (view.kind === 'addAction' || view.kind === 'editAction') {
    const editing = view.kind === 'editAction' ? view.action : undefined;
    const returnTo = editing ? editButtonId(editing) : ADD_ACTION_BUTTON;
    return (
      <div className={styles.root}>
        <Button
          className={styles.back}
          appearance="subtle"
          onClick={() => {
            backToAgenda(returnTo);
          }}
        >
          ‹ Back to the agenda
        </Button>
        {notices}
        <Suspense fallback={loading}>
          <ActionForm
            key={editing ? editing.id : 'new'}
            type={current.conversation.type}
            employeeName={employee.displayName}
            managerName={manager.displayName}
            focusAreas={focusAreas}
            initial={editing}
            busy={conversation.busy}
            onSave={(body) => {
              if (!editing) return conversation.addAction(body);
              const changes = changesOf(editing, body);
              if (Object.keys(changes).length === 0) return Promise.resolve(true);
              return conversation.changeAction(editing, changes, 'editing an action');
            }}
            onCancel={() => {
              backToAgenda(returnTo);
            }}
          />
        </Suspense>
        <OwnershipMeter ownership={current.ownership} />
      </div>
    );
  }
  if (view.kind === 'note') {
    return (
      <div className={styles.root}>
        <Button
          className={styles.back}
          appearance="subtle"
          onClick={() => {
            backToAgenda(PRIVATE_NOTE_BUTTON);
          }}
        >
          ‹ Back to the agenda
        </Button>
        {notices}
        <Suspense fallback={loading}>
          <NoteEditor
            initial={current.myNote?.text ?? ''}
            busy={conversation.busy}
            onSave={conversation.saveNote}
            onDone={() => {
              backToAgenda(PRIVATE_NOTE_BUTTON);
            }}
          />
        </Suspense>
      </div>
    );
  }

  const careerPlan = careerPlanShown(current);
  const saveCareerPlan = async (body: PutCareerPlanRequest, etag: string | null) => {
    const saved = await api.putCareerPlan(employee.id, body, etag);
    // The manager's panel picks it up with its next poll; this one shows it at once.
    void conversation.refresh();
    return saved;
  };
  /** The career plan inside the agenda section that asks about it (career conversations only). */
  const careerPlanIn = (sectionId: string): ReactNode => {
    const where = current.conversation.type === 'career' ? CAREER_PLAN_SECTIONS[sectionId] : undefined;
    if (!where) return null;
    return (
      <Suspense fallback={loading}>
        <CareerPlanEditor
          plan={careerPlan.plan}
          employeeName={employee.displayName}
          editable={draft && myRole === 'employee'}
          parts={where.parts}
          idPrefix={`room-${sectionId}`}
          title={where.title}
          saveLabel={where.save}
          onSave={saveCareerPlan}
          {...(careerPlan.caption ? { caption: careerPlan.caption } : {})}
        />
      </Suspense>
    );
  };

  const agendaBySection = current.sections
    .map((section) => ({ section, items: current.conversation.agenda.filter((item) => item.sectionId === section.id) }))
    .filter((entry) => entry.items.length > 0);
  const progress = sectionProgress(current.conversation.agenda);
  // The section being discussed: the first with something left to tick, unless the person chose.
  const discussedNow =
    agendaBySection.find(({ items }) => {
      const { discussed, total } = sectionProgress(items);
      return discussed < total;
    })?.section.id ?? null;
  const isOpen = (sectionId: string) => openSections[sectionId] ?? sectionId === discussedNow;

  return (
    <main className={styles.root} aria-busy={conversation.busy}>
      {draft ? (
        <a
          className={styles.skipLink}
          href="#agree"
          onClick={(event) => {
            // Move focus itself, not only the scroll position: the next Tab goes on from the footer.
            event.preventDefault();
            const footer = document.getElementById('agree');
            footer?.focus();
            footer?.scrollIntoView({ block: 'nearest' });
          }}
        >
          Skip to agreeing
        </a>
      ) : null}
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>{CONVERSATION_TYPE_NAMES[current.conversation.type]}</h1>
          <Badge className={fit} appearance="tint" color={draft ? 'informative' : 'success'}>
            {draft ? 'In progress' : 'Agreed'}
          </Badge>
        </div>
        <Text className={styles.subtle}>
          {myRole === 'employee' ? `Your plan, with ${manager.displayName}` : `${employee.displayName}’s plan`}
          {` · ${progress.discussed} of ${progress.total} discussed`}
        </Text>
        {draft ? null : (
          <Text className={styles.subtle} data-testid="agreed-on">
            Agreed by you both on {current.conversation.agreedAt?.slice(0, 10)}. This is now the record of what you
            agreed; each of you moves your own actions on.
          </Text>
        )}
        {current.conversation.type === 'job' && draft ? (
          <FocusAreaChips focusAreas={focusAreas} mine={myRole === 'employee'} />
        ) : null}
        {current.conversation.type === 'job' && !draft && careerPlan.plan.focusAreas.length > 0 ? (
          <FocusAreaChips focusAreas={careerPlan.plan.focusAreas} mine={myRole === 'employee'} />
        ) : null}
      </header>
      {notices}

      <section className={styles.block} aria-labelledby="agenda-heading">
        <h2 id="agenda-heading" className={styles.h2}>
          Agenda
        </h2>
        {agendaBySection.map(({ section, items }) => (
          <AgendaSection
            key={section.id}
            section={section}
            items={items}
            carriedActions={current.carriedActions}
            people={people}
            myRole={myRole}
            names={{ employee: employee.displayName, manager: manager.displayName }}
            editable={draft}
            busy={conversation.busy}
            open={isOpen(section.id)}
            onToggle={(open) => {
              if (open !== isOpen(section.id)) setOpenSections((current) => ({ ...current, [section.id]: open }));
            }}
            onTick={(itemId, discussed) => void conversation.setDiscussed(itemId, discussed)}
            onPropose={(itemId, status) => void conversation.proposeReview(itemId, status)}
            onWriteNote={conversation.writeItemNote}
          >
            {careerPlanIn(section.id)}
          </AgendaSection>
        ))}
        {draft ? (
          <TalkingPointForm
            sections={current.sections}
            busy={conversation.busy}
            onAdd={async (text, sectionId) => {
              const added = await conversation.addTalkingPoint(text, sectionId);
              // Show the point where it went.
              if (added) setOpenSections((open) => ({ ...open, [sectionId]: true }));
              return added;
            }}
          />
        ) : null}
      </section>

      <Divider />
      <section className={styles.block} aria-labelledby="actions-heading">
        <h2 id="actions-heading" className={styles.h2}>
          {draft ? 'Actions' : 'Agreed actions'}
        </h2>
        <ActionList
          actions={current.actions}
          names={names}
          myRole={myRole}
          busy={conversation.busy}
          mode={draft ? 'draft' : 'agreed'}
          onStatus={(action, status) => void conversation.changeAction(action, { status }, 'changing an action')}
          onHandOver={(action, owner) => void conversation.changeAction(action, { owner }, 'handing an action over')}
          onEdit={(action) => {
            setView({ kind: 'editAction', action });
          }}
          onRemove={(action) => void conversation.removeAction(action.id)}
        />
        {draft ? (
          <Button
            id={ADD_ACTION_BUTTON}
            className={styles.back}
            onClick={() => {
              setView({ kind: 'addAction' });
            }}
          >
            Add an action
          </Button>
        ) : null}
        {current.learningMix.advice ? <ProblemBar intent="info" message={current.learningMix.advice} /> : null}
        {/* The whole rule, in plain words, where there is room for it; the footer keeps one line. */}
        {!draft || current.actions.length > 0 ? <OwnershipMeter ownership={current.ownership} /> : null}
      </section>

      <Divider />
      <div className={styles.row}>
        <Button
          id={PRIVATE_NOTE_BUTTON}
          size="small"
          appearance="secondary"
          onClick={() => {
            setView({ kind: 'note' });
          }}
        >
          Private note — only you see it
        </Button>
        <Link
          href={planHistoryLink(employee.id)}
          onClick={(event) => {
            event.preventDefault();
            void openDeepLink(planHistoryLink(employee.id));
          }}
        >
          Plan history
        </Link>
      </div>
      <Text className={styles.subtle}>
        Talking with {other.displayName}. Changes from both of you appear here within a few seconds.
      </Text>

      {draft ? (
        <footer id="agree" tabIndex={-1} className={styles.footer} aria-label="Agree">
          <OwnershipMeter ownership={current.ownership} detail="short" />
          <AgreementBar
            view={current}
            myRole={myRole}
            busy={conversation.busy}
            onAgree={() => void conversation.agree()}
            onWithdraw={() => void conversation.withdrawAgreement()}
          />
        </footer>
      ) : null}
    </main>
  );
}
