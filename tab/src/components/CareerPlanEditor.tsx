import { Button, Field, Input, Radio, RadioGroup, Text, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CareerPlan, PutCareerPlanRequest } from '../../../functions/src/contract';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { LIMITS } from '../../../functions/src/domain/lifecycle';
import { ASPIRATIONS, ASPIRATION_NAMES, type Aspiration } from '../../../functions/src/domain/vocabulary';
import { ApiProblem, messageOf } from '../api/client';
import { answerOrNull } from '../api/contract-check';
import { useFormats } from './format';
import { LimitedField, charactersOver } from './LimitedField';
import { ProblemBar } from './ProblemBar';
import { useCareerPlanStyles } from './career-plan.styles';

/** The parts of the career plan; the agenda asks about them in different sections. */
export type CareerPlanPart = 'aspiration' | 'scenario' | 'focus';

/** One line on what each direction means. Every one is a good choice; none is a step up from another. */
export const ASPIRATION_HELP: Record<Aspiration, string> = {
  growInRole: 'Go deeper where you are: more skill, range or influence in the job you have.',
  moveSideways: 'Try a different role at a similar level to widen what you know and can do.',
  moveUp: 'Take on more responsibility, such as leading people or owning a larger area.',
  changePace: 'Shape how much you take on, or a smaller role, to fit your life as it is now.',
  explore: 'Not settled yet: try things, talk to people and see what draws you.',
};

interface Draft {
  aspiration: Aspiration | null;
  scenario: string;
  /** Always LIMITS.focusAreas entries; empty ones are left out when saved. */
  focus: string[];
}

function draftOf(plan: Pick<CareerPlan, 'aspiration' | 'careerScenario' | 'focusAreas'>): Draft {
  return {
    aspiration: plan.aspiration,
    scenario: plan.careerScenario ?? '',
    focus: Array.from({ length: LIMITS.focusAreas }, (_, index) => plan.focusAreas[index] ?? ''),
  };
}

/** Whether two drafts say the same in the given parts. */
function same(a: Draft, b: Draft, parts: readonly CareerPlanPart[]): boolean {
  return parts.every((part) => {
    if (part === 'aspiration') return a.aspiration === b.aspiration;
    if (part === 'scenario') return a.scenario.trim() === b.scenario.trim();
    return (
      a.focus
        .map((entry) => entry.trim())
        .filter(Boolean)
        .join('\n') ===
      b.focus
        .map((entry) => entry.trim())
        .filter(Boolean)
        .join('\n')
    );
  });
}

/** The plan in a few lines: each part on a line of its own, as the agenda asks about it. */
function Summary({
  plan,
  parts,
  styles,
}: {
  plan: CareerPlan;
  parts: readonly CareerPlanPart[];
  styles: ReturnType<typeof useCareerPlanStyles>;
}) {
  return (
    <dl className={styles.summary}>
      {parts.includes('aspiration') ? (
        <div className={styles.summaryRow}>
          <dt className={styles.label}>Direction</dt>
          <dd className={styles.summaryValue}>
            {plan.aspiration ? (
              ASPIRATION_NAMES[plan.aspiration]
            ) : (
              <span className={styles.subtle}>Not chosen yet</span>
            )}
          </dd>
        </div>
      ) : null}
      {parts.includes('scenario') ? (
        <div className={styles.summaryRow}>
          <dt className={styles.label}>Career scenario</dt>
          <dd className={styles.summaryValue}>
            {plan.careerScenario ?? <span className={styles.subtle}>None named (optional)</span>}
          </dd>
        </div>
      ) : null}
      {parts.includes('focus') ? (
        <div className={styles.summaryRow}>
          <dt className={styles.label}>Focus areas</dt>
          <dd className={styles.summaryValue}>
            {plan.focusAreas.length > 0 ? (
              <ol className={styles.list}>
                {plan.focusAreas.map((area) => (
                  <li key={area}>{area}</li>
                ))}
              </ol>
            ) : (
              <span className={styles.subtle}>None yet</span>
            )}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

interface Props {
  plan: CareerPlan;
  /** Whose plan it is: named where the other person reads it. */
  employeeName: string;
  /** The employee writes the plan; the manager reads it. */
  editable: boolean;
  parts: readonly CareerPlanPart[];
  /** Unique on the page: ties each field to its label and explanation. */
  idPrefix: string;
  title: string;
  saveLabel: string;
  /** Sends the whole plan with its ETag; answers the plan as saved. */
  onSave?: (body: PutCareerPlanRequest, etag: string | null) => Promise<CareerPlan>;
  /** `panel`: a box inside an agenda section of the 280-px panel; `page`: a card of My plan. */
  layout?: 'panel' | 'page';
  /** Said above the read-only plan, such as when it was agreed. */
  caption?: string;
}

/**
 * The employee's career plan, or the parts of it the agenda asks about here: the employee edits
 * it and saves with a visible confirmation; the manager reads it as it changes.
 */
export function CareerPlanEditor(props: Props) {
  const { plan, employeeName, editable, parts, idPrefix, title, saveLabel, onSave, layout = 'panel', caption } = props;
  const styles = useCareerPlanStyles();
  const { time, when } = useFormats();
  // In the side panel the plan shows in a few lines; its author opens the form when they want to change it.
  const [open, setOpen] = useState(layout === 'page');
  // What the edits started from, the plan as last seen from the server, and the edits themselves.
  const [base, setBase] = useState(plan);
  const [seen, setSeen] = useState(plan);
  const [given, setGiven] = useState(plan.etag);
  const [draft, setDraft] = useState(() => draftOf(plan));
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Set by a save in the panel: once the form has folded back, the keyboard goes to the button that opened it.
  const refocus = useRef(false);
  const has = (part: CareerPlanPart) => parts.includes(part);
  const editButtonId = `${idPrefix}-edit`;
  useEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    document.getElementById(editButtonId)?.focus();
  }, [open, editButtonId]);
  const dirty = !same(draft, draftOf(base), parts);

  // The plan changed on the server (a save here or in another section, or in My plan): take it on,
  // unless the person is in the middle of changing it — then the save decides.
  if (plan.etag !== given) {
    setGiven(plan.etag);
    if (plan.etag !== seen.etag) {
      setSeen(plan);
      if (!dirty) {
        setBase(plan);
        setDraft(draftOf(plan));
      }
    }
  }

  const box = layout === 'panel' ? styles.box : styles.page;
  const Heading = layout === 'panel' ? 'h4' : 'h2';
  const titleId = `${idPrefix}-title`;
  if (!editable || !onSave) {
    return (
      <section className={box} aria-labelledby={titleId} data-testid={`${idPrefix}-plan`}>
        <Heading id={titleId} className={mergeClasses(styles.title, layout === 'page' && styles.pageTitle)}>
          {title}
        </Heading>
        {caption ? <Text className={styles.subtle}>{caption}</Text> : null}
        <Summary plan={plan} parts={parts} styles={styles} />
        {/* In the panel the heading says whose plan it is; My plan says it in words. */}
        {caption || (layout === 'panel' && !plan.updatedAt) ? null : (
          <Text className={styles.subtle}>
            {layout === 'page' ? `${employeeName} owns this plan; you can read it. ` : ''}
            {plan.updatedAt ? `Last changed ${when(plan.updatedAt)}.` : ''}
          </Text>
        )}
      </section>
    );
  }

  const status: ReactNode = (
    <Text
      role="status"
      className={mergeClasses(dirty ? styles.pending : styles.saved)}
      data-testid={`${idPrefix}-saved`}
    >
      {busy ? 'Saving…' : dirty ? 'Not saved yet' : savedAt ? `Saved at ${time(savedAt)}` : ''}
    </Text>
  );
  // The side panel, not changing it now: the plan in a few lines and the way to change it.
  if (!open) {
    return (
      <section className={box} aria-labelledby={titleId} data-testid={`${idPrefix}-plan`}>
        <Heading id={titleId} className={styles.title}>
          {title}
        </Heading>
        <Summary plan={plan} parts={parts} styles={styles} />
        <div className={styles.row}>
          <Button
            id={editButtonId}
            size="small"
            onClick={() => {
              setOpen(true);
            }}
          >
            {`Change ${parts.includes('focus') ? 'focus areas' : 'direction'}`}
          </Button>
          {status}
        </div>
      </section>
    );
  }

  const over =
    (has('scenario') && charactersOver(draft.scenario, TEXT_LIMITS.careerScenario) > 0) ||
    (has('focus') && draft.focus.some((entry) => charactersOver(entry, TEXT_LIMITS.focusArea) > 0));

  const save = async () => {
    // Parts not edited here go back as the server last sent them: another section may have saved them.
    const body: PutCareerPlanRequest = {
      aspiration: has('aspiration') ? draft.aspiration : seen.aspiration,
      focusAreas: has('focus') ? draft.focus.map((entry) => entry.trim()).filter(Boolean) : seen.focusAreas,
      careerScenario: has('scenario') ? draft.scenario.trim() || null : seen.careerScenario,
    };
    // A newer plan that left these parts alone is safe to build on; one that changed them is a conflict.
    const etag = same(draftOf(seen), draftOf(base), parts) ? seen.etag : base.etag;
    setBusy(true);
    setError(null);
    try {
      const saved = await onSave(body, etag);
      setBase(saved);
      setSeen(saved);
      setDraft(draftOf(saved));
      setSavedAt(saved.updatedAt ?? new Date().toISOString());
      if (layout === 'panel') {
        refocus.current = true;
        setOpen(false);
      }
    } catch (caught) {
      const current =
        caught instanceof ApiProblem && caught.status === 412
          ? answerOrNull((contract) => contract.CareerPlanSchema, caught.problem.current, ['focusAreas', 'etag'])
          : null;
      if (current) {
        setBase(current);
        setSeen(current);
        setDraft(draftOf(current));
        setError(
          'Your career plan was changed somewhere else in the meantime. This shows what is saved now: make your change again if you still want it.',
        );
      } else setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const focusFields = draft.focus.map((value, index) => (
    <LimitedField
      key={index}
      label={`Focus area ${index + 1}`}
      limit={TEXT_LIMITS.focusArea}
      value={value}
      {...(index === 0 ? { hint: 'Three or four long-term themes.' } : {})}
    >
      <Input
        value={value}
        onChange={(_, data) => {
          setDraft({
            ...draft,
            focus: draft.focus.map((entry, position) => (position === index ? data.value : entry)),
          });
        }}
      />
    </LimitedField>
  ));

  return (
    <section className={box} aria-labelledby={titleId} data-testid={`${idPrefix}-plan`}>
      <Heading id={titleId} className={mergeClasses(styles.title, layout === 'page' && styles.pageTitle)}>
        {title}
      </Heading>
      <Text className={styles.subtle}>Yours to write; your manager reads it. Every direction is a good one.</Text>
      {has('aspiration') ? (
        <Field label="Which direction fits you now?">
          <RadioGroup
            value={draft.aspiration ?? ''}
            onChange={(_, data) => {
              setDraft({ ...draft, aspiration: data.value as Aspiration });
            }}
          >
            {ASPIRATIONS.map((aspiration) => (
              <div key={aspiration} className={styles.choice}>
                <Radio
                  value={aspiration}
                  label={<span className={styles.radioLabel}>{ASPIRATION_NAMES[aspiration]}</span>}
                  aria-describedby={`${idPrefix}-help-${aspiration}`}
                />
                {layout === 'page' ? (
                  <Text id={`${idPrefix}-help-${aspiration}`} className={styles.help}>
                    {ASPIRATION_HELP[aspiration]}
                  </Text>
                ) : null}
              </div>
            ))}
          </RadioGroup>
        </Field>
      ) : null}
      {has('aspiration') && layout === 'panel' ? (
        // One line per choice in the panel; what each means, on demand (and to screen readers with each choice).
        <details className={styles.meanings}>
          <summary className={styles.meaningsSummary}>What the directions mean</summary>
          <ul className={styles.list}>
            {ASPIRATIONS.map((aspiration) => (
              <li key={aspiration} id={`${idPrefix}-help-${aspiration}`}>
                <strong>{ASPIRATION_NAMES[aspiration]}:</strong> {ASPIRATION_HELP[aspiration]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {has('aspiration') && draft.aspiration ? (
        <Button
          className={styles.clear}
          size="small"
          appearance="subtle"
          onClick={() => {
            setDraft({ ...draft, aspiration: null });
          }}
        >
          Clear the direction
        </Button>
      ) : null}
      {has('scenario') ? (
        <LimitedField
          label="Career scenario (optional)"
          limit={TEXT_LIMITS.careerScenario}
          value={draft.scenario}
          hint="A role you picture yourself in."
        >
          <Input
            value={draft.scenario}
            onChange={(_, data) => {
              setDraft({ ...draft, scenario: data.value });
            }}
          />
        </LimitedField>
      ) : null}
      {has('focus') ? <div className={layout === 'page' ? styles.focusGrid : styles.fields}>{focusFields}</div> : null}
      {error ? (
        <ProblemBar
          intent="warning"
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={busy || over || !dirty} onClick={() => void save()}>
          {saveLabel}
        </Button>
        {layout === 'panel' ? (
          <Button
            onClick={() => {
              setBase(seen);
              setDraft(draftOf(seen));
              setOpen(false);
              refocus.current = true;
            }}
          >
            Cancel
          </Button>
        ) : null}
        {status}
      </div>
    </section>
  );
}
