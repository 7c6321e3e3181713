import { Field, Select, Spinner, Switch, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState } from 'react';
import type { NudgePreferencesView } from '../../../functions/src/contract';
import { JOB_DEVELOPMENT_CADENCE_DAYS } from '../../../functions/src/domain/cadence';
import type { NudgePreferences } from '../../../functions/src/domain';
import {
  CONFIRMATION_NUDGE_DELAY_MS,
  DUE_SOON_DAYS,
  type NudgeKind,
  type Weekday,
} from '../../../functions/src/domain/vocabulary';
import { ApiProblem, messageOf, type ApiClient } from '../api/client';
import { focusWhenDrawn } from './focus-after-write';
import { answerOrNull } from '../api/contract-check';
import { useCardStyles } from './card.styles';
import { ProblemBar } from './ProblemBar';
import { SavedFlag } from './SavedFlag';
import { useNudgePreferencesStyles } from './nudge-preferences.styles';

/** What each kind of nudge brings, and when, in the person's words, with the nudge rules' own numbers. */
function waitInWords(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours === 1 ? 'An hour' : `${hours} hours`;
}

const CHOICES: Record<NudgeKind, { label: string; when: string }> = {
  actionDueSoon: {
    label: 'An action of mine is due soon',
    when: `Once, in the ${DUE_SOON_DAYS} days before an action you own is due.`,
  },
  actionOverdue: {
    label: 'An action of mine is overdue',
    when: 'Once, the day after an action you own passes its due date; not every day.',
  },
  jobDevelopmentReminder: {
    label: 'My job development is due',
    when: `A gentle note when no job development conversation has been agreed for ${JOB_DEVELOPMENT_CADENCE_DAYS} days.`,
  },
  prepareTalkingPoints: {
    label: 'Prepare for my next conversation',
    when: 'The day before the date you or the other person set for your next conversation (in My plan or the meeting’s panel): a prompt to add your talking points.',
  },
  confirmationWaiting: {
    label: 'My confirmation is waiting',
    when: `${waitInWords(CONFIRMATION_NUDGE_DELAY_MS)} after the other person agrees a plan you have not agreed yet.`,
  },
  jobDevelopmentOverdue: {
    label: 'A report’s job development is overdue',
    when: `Once, when a report has had no agreed job development conversation for ${JOB_DEVELOPMENT_CADENCE_DAYS} days.`,
  },
  weeklyDigest: {
    label: 'Weekly digest of my team',
    when: 'On the day you choose: who is overdue, and in whose plans you hold too many actions. Nothing when all is well.',
  },
};

/** The kinds about a person's own actions and conversations: everyone's. */
const OWN_KINDS: readonly NudgeKind[] = [
  'actionDueSoon',
  'actionOverdue',
  'jobDevelopmentReminder',
  'prepareTalkingPoints',
  'confirmationWaiting',
];
/** The kinds about a manager's team, shown in My team. */
const TEAM_KINDS: readonly NudgeKind[] = ['jobDevelopmentOverdue', 'weeklyDigest'];

const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

function isWeekday(value: string): value is Weekday {
  return value in WEEKDAY_NAMES;
}

/** The choice as stored now, when a save lost a race with another window (412). */
function currentAfterConflict(error: unknown): NudgePreferencesView | null {
  if (!(error instanceof ApiProblem) || error.status !== 412) return null;
  return answerOrNull((contract) => contract.NudgePreferencesSchema, error.problem.current, ['preferences', 'etag']);
}

/**
 * Which reminders the person receives in their Teams activity feed: a switch per kind, saved as soon
 * as it changes. Everyone chooses the reminders about their own actions and conversations (My plan);
 * a manager also chooses those about the team and the digest's day (My team). One choice per person,
 * whichever page it is changed on.
 */
export default function NudgePreferencesCard({
  api,
  audience,
}: {
  api: ApiClient;
  /** `manager`: the team's reminders and the digest day as well as the person's own. */
  audience: 'employee' | 'manager';
}) {
  const styles = useNudgePreferencesStyles();
  const { card } = useCardStyles();
  const idPrefix = useId();
  const [view, setView] = useState<NudgePreferencesView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [said, setSaid] = useState<{ id: number; message: string } | null>(null);

  const load = useCallback(
    () =>
      api.nudgePreferences().then(
        (loaded) => {
          setLoadError(null);
          setView(loaded);
        },
        (caught: unknown) => {
          setLoadError(messageOf(caught));
        },
      ),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);

  /** Saves one change; `done` is what the status line then says, for a screen reader to announce. */
  const save = async (change: Partial<NudgePreferences>, controlId: string, done: string) => {
    if (!view) return;
    const before = view;
    // Shown at once; the controls wait (disabled) until the service has it.
    setView({ ...before, preferences: { ...before.preferences, ...change } });
    setSaving(true);
    setError(null);
    try {
      let saved: NudgePreferencesView;
      try {
        saved = await api.putNudgePreferences({ ...before.preferences, ...change }, before.etag);
      } catch (caught) {
        // Changed in another window meanwhile: this one change is made again, once, on what is stored now.
        const current = currentAfterConflict(caught);
        if (!current) throw caught;
        saved = await api.putNudgePreferences({ ...current.preferences, ...change }, current.etag);
      }
      setView(saved);
      setSaid((last) => ({ id: (last?.id ?? 0) + 1, message: done }));
    } catch (caught) {
      setView(currentAfterConflict(caught) ?? before);
      setError(messageOf(caught));
    } finally {
      setSaving(false);
      // A control disabled while it had focus loses it: give it back, so the keyboard stays where it was.
      focusWhenDrawn(controlId, { onlyIfLost: true });
    }
  };

  const groups: { title: string; kinds: readonly NudgeKind[] }[] =
    audience === 'manager'
      ? [
          { title: 'About your team', kinds: TEAM_KINDS },
          { title: 'About your own actions and conversations', kinds: OWN_KINDS },
        ]
      : [{ title: '', kinds: OWN_KINDS }];

  return (
    <section className={card} aria-labelledby={`${idPrefix}-heading`} data-testid="reminders">
      <h2 id={`${idPrefix}-heading`} className={styles.h2}>
        Reminders
      </h2>
      <Text className={styles.subtle}>
        Career Conversations can remind you in your Teams activity feed. Each reminder is on until you turn it off.
        {audience === 'manager'
          ? ' Those about your own actions are in My plan too; a change in either place is a change in both.'
          : null}
      </Text>
      {loadError ? <ProblemBar message={loadError} onRetry={() => void load()} /> : null}
      {!view && !loadError ? <Spinner size="tiny" label="Loading your reminders…" /> : null}
      {view
        ? groups.map((group) => (
            <div
              key={group.title || 'own'}
              className={styles.group}
              role="group"
              aria-label={group.title || 'Your reminders'}
            >
              {group.title ? <h3 className={styles.h3}>{group.title}</h3> : null}
              {group.kinds.map((kind) => {
                const controlId = `${idPrefix}-${kind}`;
                return (
                  <div key={kind} className={styles.choice}>
                    <Switch
                      id={controlId}
                      className={styles.switch}
                      checked={view.preferences[kind]}
                      disabled={saving}
                      label={{ children: CHOICES[kind].label, className: styles.label }}
                      aria-describedby={`${controlId}-when`}
                      onChange={(_, data) => {
                        const words = `Saved: “${CHOICES[kind].label}” is ${data.checked ? 'on' : 'off'}.`;
                        void save({ [kind]: data.checked }, controlId, words);
                      }}
                    />
                    <Text id={`${controlId}-when`} className={styles.help}>
                      {CHOICES[kind].when}
                    </Text>
                    {kind === 'weeklyDigest' ? (
                      <Field className={styles.day} label="Digest day" size="small">
                        <Select
                          id={`${idPrefix}-digestDay`}
                          size="small"
                          value={view.preferences.digestDay}
                          disabled={saving || !view.preferences.weeklyDigest}
                          onChange={(_, data) => {
                            if (!isWeekday(data.value)) return;
                            const words = `Saved: the digest comes on ${WEEKDAY_NAMES[data.value]}.`;
                            void save({ digestDay: data.value }, `${idPrefix}-digestDay`, words);
                          }}
                        >
                          {Object.entries(WEEKDAY_NAMES).map(([day, name]) => (
                            <option key={day} value={day}>
                              {name}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ))
        : null}
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      {/* Said beside the switch that was used: the card's end may be off screen. */}
      <SavedFlag saved={said} fallbackId={`${idPrefix}-heading`} />
    </section>
  );
}
