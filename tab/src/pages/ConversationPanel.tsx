import { Badge, Button, Divider, Link, Spinner, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { CONVERSATION_TYPE_NAMES } from '../../../functions/src/domain';
import type { ApiClient } from '../api/client';
import { useConversation } from '../api/use-conversation';
import { ActionForm } from '../components/ActionForm';
import { AgreementBar } from '../components/AgreementBar';
import { ActionList } from '../components/ActionList';
import { AgendaSection } from '../components/AgendaSection';
import { NoteEditor } from '../components/NoteEditor';
import { OwnershipMeter } from '../components/OwnershipMeter';
import { ProblemBar } from '../components/ProblemBar';
import { TalkingPointForm } from '../components/TalkingPointForm';
import { openDeepLink, planHistoryLink } from '../host/teams-host';
import { usePanelStyles } from './panel.styles';

type View = 'main' | 'addAction' | 'note';

/** The conversation both people work on during the 1:1. */
export function ConversationPanel({
  api,
  employeeId,
  conversationId,
}: {
  api: ApiClient;
  employeeId: string;
  conversationId: string;
}) {
  const styles = usePanelStyles();
  const conversation = useConversation(api, employeeId, conversationId);
  const [view, setView] = useState<View>('main');
  const current = conversation.view;

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

  if (view === 'addAction') {
    return (
      <div className={styles.root}>
        <Button
          className={styles.back}
          appearance="subtle"
          onClick={() => {
            setView('main');
          }}
        >
          ‹ Back to the agenda
        </Button>
        {notices}
        <ActionForm
          type={current.conversation.type}
          employeeName={employee.displayName}
          managerName={manager.displayName}
          busy={conversation.busy}
          onSave={conversation.addAction}
          onCancel={() => {
            setView('main');
          }}
        />
        <OwnershipMeter ownership={current.ownership} />
      </div>
    );
  }
  if (view === 'note') {
    return (
      <div className={styles.root}>
        <Button
          className={styles.back}
          appearance="subtle"
          onClick={() => {
            setView('main');
          }}
        >
          ‹ Back to the agenda
        </Button>
        {notices}
        <NoteEditor
          initial={current.myNote?.text ?? ''}
          busy={conversation.busy}
          onSave={conversation.saveNote}
          onDone={() => {
            setView('main');
          }}
        />
      </div>
    );
  }

  const agendaBySection = current.sections
    .map((section) => ({ section, items: current.conversation.agenda.filter((item) => item.sectionId === section.id) }))
    .filter((entry) => entry.items.length > 0);

  return (
    <main className={styles.root} aria-busy={conversation.busy}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>{CONVERSATION_TYPE_NAMES[current.conversation.type]}</h1>
          <Badge appearance="tint" color={draft ? 'informative' : 'success'}>
            {draft ? 'In progress' : 'Agreed'}
          </Badge>
        </div>
        <Text className={styles.subtle}>
          {myRole === 'employee' ? `Your plan, with ${manager.displayName}` : `${employee.displayName}’s plan`}
        </Text>
        {draft ? null : (
          <Text className={styles.subtle} data-testid="agreed-on">
            Agreed by you both on {current.conversation.agreedAt?.slice(0, 10)}. This is now the record of what you
            agreed; each of you moves your own actions on.
          </Text>
        )}
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
            editable={draft}
            busy={conversation.busy}
            onTick={(itemId, discussed) => void conversation.setDiscussed(itemId, discussed)}
            onPropose={(itemId, status) => void conversation.proposeReview(itemId, status)}
          />
        ))}
        {draft ? (
          <TalkingPointForm sections={current.sections} busy={conversation.busy} onAdd={conversation.addTalkingPoint} />
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
          onRemove={(action) => void conversation.removeAction(action.id)}
        />
        {draft ? (
          <Button
            onClick={() => {
              setView('addAction');
            }}
          >
            Add an action
          </Button>
        ) : null}
        {current.learningMix.advice ? <ProblemBar intent="info" message={current.learningMix.advice} /> : null}
        {draft ? null : <OwnershipMeter ownership={current.ownership} />}
      </section>

      <Divider />
      <div className={styles.row}>
        <Button
          appearance="secondary"
          onClick={() => {
            setView('note');
          }}
        >
          {current.myNote ? 'My private note' : 'Add a private note'}
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
        <footer className={styles.footer} aria-label="Agree">
          <OwnershipMeter ownership={current.ownership} />
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
