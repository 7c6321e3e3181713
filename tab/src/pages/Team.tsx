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
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { TeamOverview } from '../../../functions/src/contract';
import { messageOf, type ApiClient } from '../api/client';
import { ProblemBar } from '../components/ProblemBar';
import { useFitBadgeStyles } from '../components/badge.styles';
import { useTabStyles } from './tab.styles';

const NudgePreferencesCard = lazy(() => import('../components/NudgePreferencesCard'));

function ago(days: number | null): string {
  if (days === null) return 'Never';
  if (days === 0) return 'Today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** The manager's week: who is due a conversation, and whose plans lean on the manager. */
export default function Team({ api, onOpenPlan }: { api: ApiClient; onOpenPlan: (employeeId: string) => void }) {
  const styles = useTabStyles();
  const { fit } = useFitBadgeStyles();
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
  }, [load]);

  if (error)
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
      {team.members.length === 0 ? (
        <Text>The directory lists no direct reports for you.</Text>
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
                <TableRow key={member.person.id} data-testid={`member-${member.person.id}`}>
                  <TableCell>
                    <Text weight="semibold">{member.person.displayName}</Text>
                    {member.person.jobTitle ? (
                      <Text className={styles.subtle} block>
                        {member.person.jobTitle}
                      </Text>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Text block>{ago(member.daysSinceJobConversation)}</Text>
                    {member.jobDevelopmentOverdue ? (
                      <Badge className={fit} appearance="tint" color="danger">
                        Overdue
                      </Badge>
                    ) : null}
                    {member.drafts.job ? (
                      <Badge className={fit} appearance="outline">
                        In progress
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Text block>{ago(member.daysSinceCareerConversation)}</Text>
                    {member.drafts.career ? (
                      <Badge className={fit} appearance="outline">
                        In progress
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Text block>
                      {member.openActions.employee} theirs · {member.openActions.manager} yours
                    </Text>
                    {member.managerHoldsTooMuch ? (
                      <Badge className={fit} appearance="tint" color="warning">
                        You hold too many
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() => {
                        onOpenPlan(member.person.id);
                      }}
                      aria-label={`Open plan of ${member.person.displayName}`}
                    >
                      Open plan
                    </Button>
                  </TableCell>
                </TableRow>
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
