import { Badge, Button, Link, Spinner, Text, mergeClasses } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState, type ReactNode } from 'react';
import type {
  ActionView,
  AddActionRequest,
  CareerPlan,
  ConversationView,
  PutCareerPlanRequest,
  UpdateActionRequest,
} from '../../../functions/src/contract';
import { CONVERSATION_TYPE_NAMES, TALKING_POINTS_SECTION_ID } from '../../../functions/src/domain/vocabulary';
import type { ApiClient, Versioned } from '../api/client';
import { useConversation, type Saved } from '../api/use-conversation';
import { AGREE_BUTTON_ID, AgreementBar, withdrawalNotice } from '../components/AgreementBar';
import { ActionList, actionButtonId, editButtonId } from '../components/ActionList';
import { discussionProgress } from '../../../functions/src/domain/progress';
import { AgendaSection, pointEditId, proposeId, tickId } from '../components/AgendaSection';
import type { CareerPlanPart } from '../components/CareerPlanEditor';
import { FocusAreaChips } from '../components/FocusAreaChips';
import { useFitBadgeStyles } from '../components/badge.styles';
import { focusWhenDrawn, useFocusAfterWrite } from '../components/focus-after-write';
import { useFormats } from '../components/format';
import { OwnershipMeter } from '../components/OwnershipMeter';
import { PairContext } from '../components/PairContext';
import { ProblemBar } from '../components/ProblemBar';
import { SavedFlag } from '../components/SavedFlag';
import { useStickyFooter } from '../components/sticky-footer';
import { NEW_POINT_INPUT, TalkingPointForm } from '../components/TalkingPointForm';
import { openDeepLink, planHistoryLink } from '../host/teams-host';
import { useVisuallyHiddenStyles } from '../components/visually-hidden.styles';
import { usePanelStyles } from './panel.styles';

// What opens on a click, and the career plan (in career conversations only), load when needed: the agenda's first
// paint does without their code.
const ActionForm = lazy(() => import('../components/ActionForm').then((module) => ({ default: module.ActionForm })));
const NoteEditor = lazy(() => import('../components/NoteEditor').then((module) => ({ default: module.NoteEditor })));
const CareerPlanEditor = lazy(() =>
  import('../components/CareerPlanEditor').then((module) => ({ default: module.CareerPlanEditor })),
);
const loading = <Spinner size="tiny" />;

type View = { kind: 'main' } | { kind: 'addAction' } | { kind: 'editAction'; action: ActionView };

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
function careerPlanShown(view: ConversationView, day: (iso: string) => string): { plan: CareerPlan; caption?: string } {
  const snapshot = view.conversation.snapshot;
  if (view.conversation.status === 'agreed' && snapshot) {
    return {
      plan: { ...snapshot.careerPlan, updatedAt: null, etag: null },
      caption: `As it stood when you agreed, on ${day(snapshot.agreedAt)}.`,
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
  const hidden = useVisuallyHiddenStyles();
  // What was last stored, by the conversation's own writes or by the others here (the career plan, the next date).
  const [flag, setFlag] = useState<Saved | null>(null);
  const announce = (message: string) => {
    setFlag((last) => ({ id: (last?.id ?? 0) + 1, message }));
  };
  const conversation = useConversation(api, employeeId, conversationId, initial, announce);
  const { fit } = useFitBadgeStyles();
  const formats = useFormats();
  const [view, setView] = useState<View>({ kind: 'main' });
  // Sections a person opened or closed themselves, or worked in; the others follow the discussion.
  const [openSections, setOpenSections] = useState<Record<string, boolean>>({});
  const [pointSection, setPointSection] = useState<string | null>(null);
  const [editingPoint, setEditingPoint] = useState<string | null>(null);
  const [noteOpen, setNoteOpen] = useState(false);
  const [footer, setFooter] = useState<HTMLElement | null>(null);
  const footerSticks = useStickyFooter(footer);
  const rememberFocus = useFocusAfterWrite(conversation.busy);

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
  const myId = myRole === 'employee' ? employee.id : manager.id;
  const names = { employee: employee.displayName, manager: manager.displayName };
  const people = {
    [employee.id]: myRole === 'employee' ? 'you' : employee.displayName,
    [manager.id]: myRole === 'manager' ? 'you' : manager.displayName,
  };
  const again = draft ? withdrawalNotice(current, myRole) : null;
  const notices = (
    <>
      {conversation.error ? (
        <ProblemBar message={conversation.error} onRetry={() => void conversation.refresh()} />
      ) : null}
      {conversation.notice ? (
        <ProblemBar intent="warning" message={conversation.notice} onDismiss={conversation.clearNotice} />
      ) : null}
      {again ? <ProblemBar intent="warning" message={again} /> : null}
    </>
  );
  const saved = <SavedFlag saved={flag} fallbackId={AGREE_BUTTON_ID} />;

  const focusAreas = current.careerPlan.focusAreas;
  if (view.kind === 'addAction' || view.kind === 'editAction') {
    // The form edits the version it was opened on; a conflict moves it on to what is saved now.
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
              return conversation.changeAction(editing, changes, 'editing the action', 'Action saved', {
                opened: true,
                onConflict: (now) => {
                  setView({ kind: 'editAction', action: now });
                },
              });
            }}
            onCancel={() => {
              backToAgenda(returnTo);
            }}
          />
        </Suspense>
        <OwnershipMeter ownership={current.ownership} detail="short" />
        {saved}
      </div>
    );
  }

  const careerPlan = careerPlanShown(current, formats.date);
  const saveCareerPlan = async (body: PutCareerPlanRequest, etag: string | null) => {
    const stored = await api.putCareerPlan(employee.id, body, etag);
    // The manager's panel picks it up with its next poll; this one shows it at once.
    void conversation.refresh();
    announce('Career plan saved: your manager sees it');
    return stored;
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
  const progress = discussionProgress(current.conversation.agenda);
  // The section being discussed: the first with something left to tick, unless the person chose.
  const discussedNow =
    agendaBySection.find(({ items }) => {
      const { discussed, total } = discussionProgress(items);
      return discussed < total;
    })?.section.id ?? null;
  const isOpen = (sectionId: string) => openSections[sectionId] ?? sectionId === discussedNow;
  const keepOpen = (sectionId: string) => {
    setOpenSections((open) => (open[sectionId] === undefined ? { ...open, [sectionId]: true } : open));
  };
  // A new talking point goes to "Talking points", or to the section the person last chose.
  const targetSection = pointSection ?? TALKING_POINTS_SECTION_ID;
  const sectionOf = (itemId: string) => current.conversation.agenda.find((item) => item.id === itemId)?.sectionId;
  const nextActionButton = (action: ActionView) => {
    const rest = current.actions.filter((entry) => entry.id !== action.id);
    const index = current.actions.findIndex((entry) => entry.id === action.id);
    const next = rest[Math.min(index, rest.length - 1)];
    return next ? editButtonId(next) : ADD_ACTION_BUTTON;
  };

  return (
    <main className={styles.root} aria-busy={conversation.busy} data-live={conversation.live ? 'on' : 'off'}>
      {draft ? (
        <a
          className={styles.skipLink}
          href="#agree"
          onClick={(event) => {
            // Move focus itself, not only the scroll position: the next Tab goes on from the footer.
            event.preventDefault();
            const target = document.getElementById('agree');
            target?.focus();
            target?.scrollIntoView({ block: 'nearest' });
          }}
        >
          Skip to agreeing
        </a>
      ) : null}
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>{CONVERSATION_TYPE_NAMES[current.conversation.type]}</h1>
          <Badge className={fit} size="small" appearance="tint" color={draft ? 'informative' : 'success'}>
            {draft ? 'In progress' : 'Agreed'}
          </Badge>
        </div>
        <Text className={styles.subtle}>
          {myRole === 'employee'
            ? `Your plan, with ${manager.displayName}`
            : `${employee.displayName}’s plan, with you`}
          {` · ${progress.discussed} of ${progress.total} discussed`}
        </Text>
        {draft ? null : (
          <Text className={styles.subtle} data-testid="agreed-on">
            Agreed by you both on {formats.date(current.conversation.agreedAt ?? current.conversation.createdAt)}. This
            is the record of what you agreed; each of you moves your own actions on.
          </Text>
        )}
        <PairContext
          api={api}
          view={current}
          onChanged={(words) => {
            announce(words);
            void conversation.refresh();
          }}
        />
        {current.conversation.type === 'job' && draft ? (
          <FocusAreaChips focusAreas={focusAreas} mine={myRole === 'employee'} />
        ) : null}
        {current.conversation.type === 'job' && !draft && careerPlan.plan.focusAreas.length > 0 ? (
          <FocusAreaChips focusAreas={careerPlan.plan.focusAreas} mine={myRole === 'employee'} />
        ) : null}
      </header>
      {notices}

      <section className={styles.block} aria-labelledby="agenda-heading">
        {/* For screen readers' list of headings: the sections below are plainly the agenda. */}
        <h2 id="agenda-heading" className={hidden.visuallyHidden}>
          Agenda
        </h2>
        {agendaBySection.map(({ section, items }) => (
          <AgendaSection
            key={section.id}
            section={section}
            items={items}
            conversationId={current.conversation.id}
            carriedActions={current.carriedActions}
            agreedReview={current.conversation.snapshot?.review}
            people={people}
            myId={myId}
            myRole={myRole}
            names={names}
            editable={draft}
            busy={conversation.busy}
            open={isOpen(section.id)}
            editingPoint={editingPoint}
            news={conversation.news}
            onSeen={conversation.seen}
            onToggle={(open) => {
              if (open !== isOpen(section.id)) setOpenSections((all) => ({ ...all, [section.id]: open }));
            }}
            onTick={(itemId, discussed) => {
              // The section stays open under the person's hand, even once everything in it is ticked.
              keepOpen(section.id);
              rememberFocus([tickId(itemId)]);
              void conversation.setDiscussed(itemId, discussed);
            }}
            onPropose={(itemId, status) => {
              rememberFocus([proposeId(itemId, status ?? 'done')]);
              void conversation.proposeReview(itemId, status);
            }}
            onWriteNote={conversation.writeItemNote}
            onEditPoint={setEditingPoint}
            onSavePoint={(itemId, text) => {
              rememberFocus([pointEditId(itemId)]);
              return conversation.editTalkingPoint(itemId, text);
            }}
            onRemovePoint={(itemId) => {
              // The section's heading while it still holds points; the box for a new point once it is gone.
              rememberFocus([`summary-${sectionOf(itemId) ?? section.id}`, NEW_POINT_INPUT]);
              void conversation.removeTalkingPoint(itemId);
            }}
          >
            {careerPlanIn(section.id)}
          </AgendaSection>
        ))}
        {draft ? (
          <TalkingPointForm
            conversationId={current.conversation.id}
            sections={current.sections}
            sectionId={targetSection}
            onSectionChange={setPointSection}
            onAdd={async (text, sectionId) => {
              const title = current.sections.find((section) => section.id === sectionId)?.title ?? 'the agenda';
              const added = await conversation.addTalkingPoint(text, sectionId, title);
              // Show the point where it went.
              if (added) setOpenSections((open) => ({ ...open, [sectionId]: true }));
              return added;
            }}
          />
        ) : null}
      </section>

      <section className={styles.block} aria-labelledby="actions-heading">
        <div className={styles.headingRow}>
          <h2 id="actions-heading" className={styles.h2}>
            {draft ? 'Actions' : 'Agreed actions'}
          </h2>
          {draft ? (
            <Button
              id={ADD_ACTION_BUTTON}
              size="small"
              onClick={() => {
                setView({ kind: 'addAction' });
              }}
            >
              Add an action
            </Button>
          ) : null}
        </div>
        <ActionList
          actions={current.actions}
          names={names}
          myRole={myRole}
          busy={conversation.busy}
          mode={draft ? 'draft' : 'agreed'}
          news={conversation.news}
          onSeen={conversation.seen}
          onStatus={(action, status) => {
            rememberFocus([actionButtonId(action, `status-${status}`), actionButtonId(action, 'status-open')]);
            void conversation.changeAction(action, { status }, 'changing an action', 'Status saved');
          }}
          onHandOver={(action, owner) => {
            rememberFocus([actionButtonId(action, 'handover')]);
            void conversation.changeAction(
              action,
              { owner },
              'handing an action over',
              `Handed over to ${names[owner]}`,
            );
          }}
          onEdit={(action) => {
            setView({ kind: 'editAction', action });
          }}
          onRemove={(action) => {
            rememberFocus([nextActionButton(action)]);
            void conversation.removeAction(action.id);
          }}
        />
        {current.learningMix.advice ? <ProblemBar intent="info" message={current.learningMix.advice} /> : null}
        {/* The agreed record has no footer: its balance, frozen, shows here. While a draft, the footer shows it. */}
        {draft ? null : <OwnershipMeter ownership={current.ownership} />}
      </section>

      <div className={styles.row}>
        <Button
          id={PRIVATE_NOTE_BUTTON}
          size="small"
          appearance="secondary"
          aria-label="Private note — only you see it"
          aria-expanded={noteOpen}
          onClick={() => {
            setNoteOpen((open) => !open);
          }}
        >
          Private note
        </Button>
        <Link
          href={planHistoryLink(employee.id, 'history')}
          onClick={(event) => {
            event.preventDefault();
            void openDeepLink(planHistoryLink(employee.id, 'history'));
          }}
        >
          Plan history
        </Link>
      </div>
      {noteOpen ? (
        <Suspense fallback={loading}>
          <NoteEditor
            conversationId={current.conversation.id}
            saved={current.myNote?.text ?? ''}
            savedAt={current.myNote?.updatedAt ?? null}
            busy={conversation.busy}
            onSave={conversation.saveNote}
            onClose={() => {
              setNoteOpen(false);
              focusWhenDrawn(PRIVATE_NOTE_BUTTON);
            }}
          />
        </Suspense>
      ) : null}

      {draft ? (
        <footer
          id="agree"
          ref={setFooter}
          tabIndex={-1}
          className={mergeClasses(styles.footer, footerSticks && styles.sticky)}
          aria-label="Agree"
          data-sticky={footerSticks}
        >
          <OwnershipMeter ownership={current.ownership} detail="short" />
          <AgreementBar
            view={current}
            myRole={myRole}
            busy={conversation.busy}
            onAgree={() => {
              rememberFocus([AGREE_BUTTON_ID]);
              void conversation.agree();
            }}
            onWithdraw={() => {
              rememberFocus([AGREE_BUTTON_ID]);
              void conversation.withdrawAgreement();
            }}
          />
        </footer>
      ) : null}
      {saved}
    </main>
  );
}
