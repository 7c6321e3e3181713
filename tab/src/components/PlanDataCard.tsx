import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AuditTrail } from '../../../functions/src/contract';
import { AUDIT_ACTION_WORDS } from '../../../functions/src/domain/vocabulary';
import { messageOf, type ApiClient } from '../api/client';
import { useCardStyles } from './card.styles';
import { useFormats } from './format';
import { ProblemBar } from './ProblemBar';

const useStyles = makeStyles({
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  subtle: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Empty, it stays in the page for screen readers but takes no room.
  done: { color: tokens.colorPaletteGreenForeground1, ':empty': { position: 'absolute' } },
  // Deleting is the one thing here that cannot be undone: red, never the brand colour of a primary action.
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder2}`,
    ':hover': { backgroundColor: tokens.colorStatusDangerForeground1, color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
  dangerQuiet: { color: tokens.colorPaletteRedForeground1 },
  dialogContent: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** Control over one's data: download it, see who changed it, delete it (the employee only). */
export function PlanDataCard({
  api,
  employeeId,
  mine,
  onDeleted,
}: {
  api: ApiClient;
  employeeId: string;
  mine: boolean;
  /** After a deletion, saying whether the person's own choice of reminders went with it. */
  onDeleted: (settings: 'keep' | 'delete') => void;
}) {
  const styles = useStyles();
  const { card } = useCardStyles();
  const { dateTime } = useFormats();
  const [error, setError] = useState<string | null>(null);
  const [trail, setTrail] = useState<AuditTrail | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Off unless the person asks: a choice of reminders is theirs, not part of the plan.
  const [withSettings, setWithSettings] = useState(false);
  const [done, setDone] = useState('');
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await work();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const download = (format: 'json' | 'markdown') =>
    run(async () => {
      const { blob, filename } = await api.exportPlan(employeeId, format);
      save(blob, filename);
    });

  return (
    <section className={card} aria-labelledby="data-heading">
      <h2 id="data-heading" className={styles.h2}>
        {mine ? 'Your data' : 'Export'}
      </h2>
      <Text className={styles.subtle}>
        {mine
          ? 'Download your whole plan, with your private notes, or delete it.'
          : 'Download what you can see of this plan. The employee’s private notes are never included.'}
      </Text>
      {error ? (
        <ProblemBar
          message={error}
          onDismiss={() => {
            setError(null);
          }}
        />
      ) : null}
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void download('markdown')}>
          Download to read (Markdown)
        </Button>
        <Button disabled={busy} onClick={() => void download('json')}>
          Download all data (JSON)
        </Button>
        {mine ? (
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                setTrail(await api.audit(employeeId));
              })
            }
          >
            Who changed my plan
          </Button>
        ) : null}
        {mine ? (
          <Dialog
            open={confirming}
            onOpenChange={(_, data) => {
              setConfirming(data.open);
              if (data.open) setWithSettings(false);
            }}
          >
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" className={styles.dangerQuiet} disabled={busy}>
                Delete my plan…
              </Button>
            </DialogTrigger>
            <DialogSurface>
              <DialogBody>
                <DialogTitle>Delete your whole plan?</DialogTitle>
                <DialogContent className={styles.dialogContent}>
                  <Text>
                    Every conversation, action and private note is deleted, for you and for your manager, and meetings
                    no longer open it. This cannot be undone. Download a copy first if you want to keep one.
                  </Text>
                  <Text>
                    Your choice of reminders (and, if you manage people, your weekly digest day) is kept unless you tick
                    the box below. The record of who changed your plan is always kept.
                  </Text>
                  <Checkbox
                    checked={withSettings}
                    onChange={(_, data) => {
                      setWithSettings(data.checked === true);
                    }}
                    label="Also delete my choice of reminders"
                  />
                </DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">Keep my plan</Button>
                  </DialogTrigger>
                  <Button
                    className={styles.danger}
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        const settings = withSettings ? 'delete' : 'keep';
                        try {
                          await api.deletePlan(employeeId, { settings });
                        } finally {
                          // Closed either way: the card says what happened, next to the button.
                          setConfirming(false);
                        }
                        setTrail(null);
                        setDone(
                          `Your plan is deleted: every conversation, action and private note. ${
                            withSettings
                              ? 'Your choice of reminders is deleted too.'
                              : 'Your choice of reminders is kept.'
                          } The record of who changed it is kept.`,
                        );
                        onDeleted(settings);
                      })
                    }
                  >
                    {busy ? 'Deleting…' : 'Delete everything'}
                  </Button>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        ) : null}
      </div>
      <Text role="status" className={styles.done} data-testid="data-status">
        {done}
      </Text>
      {trail ? (
        <ul className={styles.list} aria-label="Who changed my plan">
          {trail.entries.length === 0 ? <li>Nothing recorded yet.</li> : null}
          {trail.entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              {dateTime(entry.at)} — {entry.actorName} {AUDIT_ACTION_WORDS[entry.action]}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
