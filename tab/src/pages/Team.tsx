import {
  Badge,
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { TeamMember, TeamOverview } from '../../../functions/src/contract';
import { messageOf, type ApiClient } from '../api/client';
import { ProblemBar } from '../components/ProblemBar';
import { useFitBadgeStyles } from '../components/badge.styles';
import { useCardStyles } from '../components/card.styles';
import { useNarrow } from '../components/use-narrow';
import { useTabStyles } from './tab.styles';

const NudgePreferencesCard = lazy(() => import('../components/NudgePreferencesCard'));

/** Below this width the table's five columns no longer fit: each report becomes a card. */
const CARDS_BELOW_PX = 640;

function ago(days: number | null): string {
  if (days === null) return 'Never';
  if (days === 0) return 'Today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** What one report's row says, shared by the table and the cards. */
function useMemberParts(member: TeamMember) {
  const styles = useTabStyles();
  const { fit } = useFitBadgeStyles();
  const job: ReactNode = (
    <>
      <Text block>{ago(member.daysSinceJobConversation)}</Text>
      {member.jobDevelopmentOverdue ? (
        <Badge className={fit} appearance="tint" color="danger">
          {member.jobDevelopmentOverdueDays !== null
            ? `Overdue by ${member.jobDevelopmentOverdueDays} days`
            : 'Overdue'}
        </Badge>
      ) : null}
      {member.drafts.job ? (
        <Badge className={fit} appearance="outline">
          In progress
        </Badge>
      ) : null}
    </>
  );
  const career: ReactNode = (
    <>
      <Text block>{ago(member.daysSinceCareerConversation)}</Text>
      {member.drafts.career ? (
        <Badge className={fit} appearance="outline">
          In progress
        </Badge>
      ) : null}
    </>
  );
  const actions: ReactNode = (
    <>
      <Text block>
        {member.openActions.employee} theirs · {member.openActions.manager} yours
      </Text>
      {member.managerHoldsTooMuch ? (
        <Badge className={fit} appearance="tint" color="warning">
          You hold too many
        </Badge>
      ) : null}
    </>
  );
  const person: ReactNode = (
    <>
      <Text weight="semibold">{member.person.displayName}</Text>
      {member.person.jobTitle ? (
        <Text className={styles.subtle} block>
          {member.person.jobTitle}
        </Text>
      ) : null}
    </>
  );
  return { person, job, career, actions };
}

function OpenPlan({
  member,
  onOpenPlan,
  className,
}: {
  member: TeamMember;
  onOpenPlan: (id: string) => void;
  className?: string;
}) {
  return (
    <Button
      {...(className ? { className } : {})}
      size="small"
      onClick={() => {
        onOpenPlan(member.person.id);
      }}
      aria-label={`Open plan of ${member.person.displayName}`}
    >
      Open plan
    </Button>
  );
}

function MemberRow({ member, onOpenPlan }: { member: TeamMember; onOpenPlan: (id: string) => void }) {
  const parts = useMemberParts(member);
  return (
    <TableRow data-testid={`member-${member.person.id}`}>
      <TableCell>{parts.person}</TableCell>
      <TableCell>{parts.job}</TableCell>
      <TableCell>{parts.career}</TableCell>
      <TableCell>{parts.actions}</TableCell>
      <TableCell>
        <OpenPlan member={member} onOpenPlan={onOpenPlan} />
      </TableCell>
    </TableRow>
  );
}

/** On a phone or in a narrow tab: one card per report, each fact labelled. */
function MemberCard({ member, onOpenPlan }: { member: TeamMember; onOpenPlan: (id: string) => void }) {
  const styles = useTabStyles();
  const { card } = useCardStyles();
  const parts = useMemberParts(member);
  return (
    <li className={card} data-testid={`member-${member.person.id}`}>
      <div>{parts.person}</div>
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt className={styles.subtle}>Job development</dt>
          <dd className={styles.factValue}>{parts.job}</dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.subtle}>Career conversation</dt>
          <dd className={styles.factValue}>{parts.career}</dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.subtle}>Open actions</dt>
          <dd className={styles.factValue}>{parts.actions}</dd>
        </div>
      </dl>
      <OpenPlan member={member} onOpenPlan={onOpenPlan} className={styles.back} />
    </li>
  );
}

/** The manager's week: who is due a conversation, and whose plans lean on the manager. */
export default function Team({ api, onOpenPlan }: { api: ApiClient; onOpenPlan: (employeeId: string) => void }) {
  const styles = useTabStyles();
  const narrow = useNarrow(CARDS_BELOW_PX);
  const [team, setTeam] = useState<TeamOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // State changes only once the answer is in, so the effect that loads never renders twice in a row.
  const load = useCallback(
    () =>
      api.team().then(
        (loaded) => {
          setError(null);
          setTeam(loaded);
        },
        (caught: unknown) => {
          setError(messageOf(caught));
        },
      ),
    [api],
  );
  useEffect(() => {
    void load();
    // Back to the tab after a while (a report may have agreed, started or deleted a plan): read it again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [load]);

  if (error && !team)
    return (
      <main className={styles.root}>
        <ProblemBar message={error} onRetry={() => void load()} />
      </main>
    );
  if (!team)
    return (
      <main className={styles.root}>
        <Spinner label="Loading your team…" />
      </main>
    );
  return (
    <main className={styles.root}>
      <header>
        <h1 className={styles.h1}>My team</h1>
        <Text className={styles.subtle}>
          Job development is due every {team.cadenceDays} days. Career conversations are the employee’s choice.
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
      {team.members.length === 0 ? (
        <Text>The directory lists no direct reports for you.</Text>
      ) : narrow ? (
        <ul className={styles.list} aria-label="Direct reports">
          {team.members.map((member) => (
            <MemberCard key={member.person.id} member={member} onOpenPlan={onOpenPlan} />
          ))}
        </ul>
      ) : (
        <div className={styles.tableWrap}>
          <Table aria-label="Direct reports" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.colPerson}>Person</TableHeaderCell>
                <TableHeaderCell className={styles.colWhen}>Job development</TableHeaderCell>
                <TableHeaderCell className={styles.colWhen}>Career conversation</TableHeaderCell>
                <TableHeaderCell className={styles.colActions}>Open actions</TableHeaderCell>
                <TableHeaderCell className={styles.colPlan}>Plan</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {team.members.map((member) => (
                <MemberRow key={member.person.id} member={member} onOpenPlan={onOpenPlan} />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Suspense fallback={<Spinner size="tiny" label="Loading your reminders…" />}>
        <NudgePreferencesCard api={api} audience="manager" />
      </Suspense>
    </main>
  );
}
