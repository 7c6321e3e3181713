import { Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PlanView } from '../../../functions/src/contract';
import type { ConversationType } from '../../../functions/src/domain';
import { LIMITS } from '../../../functions/src/domain/lifecycle';
import type { ApiClient } from '../api/client';
import { usePreparedStyles } from './prepared.styles';

interface Expected {
  /** Which plan and type these answers are for: a newer choice waits for its own. */
  key: string;
  plan: PlanView;
  openActions: number;
}

/** Who prepared a point, as the person looking reads it. */
export function authorOf(plan: PlanView, by: string, myId: string): string {
  if (by === myId) return 'You';
  if (by === plan.employee.id) return plan.employee.displayName;
  if (by === plan.manager?.id) return plan.manager.displayName;
  return 'A former manager';
}

/**
 * Before the conversation starts: the talking points either person prepared for this kind of
 * conversation, and how many open actions come back for review, so the pair knows what to expect.
 */
export function WhatToExpect({
  api,
  employeeId,
  type,
  myId,
}: {
  api: ApiClient;
  employeeId: string;
  type: ConversationType;
  myId: string;
}) {
  const styles = usePreparedStyles();
  const key = `${employeeId}:${type}`;
  const [expected, setExpected] = useState<Expected | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.plan(employeeId), api.history(employeeId, { type, pageSize: 50 })]).then(
      ([plan, page]) => {
        if (!live) return;
        // Open agreed actions come back in the next conversation of the same kind.
        const open = page.items
          .flatMap((item) => item.actions)
          .filter((action) => action.agreed && action.status === 'open' && (action.conversationType ?? type) === type);
        setExpected({ key: `${employeeId}:${type}`, plan, openActions: Math.min(open.length, LIMITS.carriedActions) });
      },
      () => {
        if (live) setFailed(`${employeeId}:${type}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, employeeId, type]);

  if (failed === key) {
    return (
      <Text className={styles.subtle}>
        What was prepared could not be looked up just now; it will still be on the agenda.
      </Text>
    );
  }
  if (expected?.key !== key) return <Spinner size="tiny" label="Looking at what is prepared…" />;

  const { plan, openActions } = expected;
  const points = plan.prepared
    .filter((point) => point.type === null || point.type === type)
    .slice(0, LIMITS.talkingPoints);
  return (
    <section className={styles.expect} aria-labelledby="expect-heading" data-testid="what-to-expect">
      <h2 id="expect-heading" className={styles.h2}>
        What to expect
      </h2>
      <Text data-testid="open-actions-to-review">
        {openActions === 0
          ? 'No open actions to review from earlier conversations of this kind.'
          : `${openActions} open ${openActions === 1 ? 'action' : 'actions'} from last time ${openActions === 1 ? 'comes' : 'come'} up for review.`}
      </Text>
      {points.length > 0 ? (
        <>
          <Text>
            {points.length} prepared talking {points.length === 1 ? 'point' : 'points'}:
          </Text>
          <ul className={styles.list} aria-label="Prepared talking points">
            {points.map((point) => (
              <li key={point.id} className={styles.point}>
                <Text className={styles.text}>{point.text}</Text>
                <Text className={styles.by}>
                  Prepared by {point.by === myId ? 'you' : authorOf(plan, point.by, myId)}
                </Text>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text className={styles.subtle}>
          No talking points prepared. Either of you can prepare some in My plan, or add them once you start.
        </Text>
      )}
    </section>
  );
}
