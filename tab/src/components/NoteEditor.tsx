import { Button, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { useDraft } from './drafts';
import { useFormats } from './format';
import { LimitedField, charactersOver } from './LimitedField';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  saved: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200 },
});

export const PRIVATE_NOTE_BOX = 'private-note-box';

/** The caller's private note on this conversation, under the agenda: nobody else ever sees it. */
export function NoteEditor({
  conversationId,
  saved,
  savedAt,
  busy,
  onSave,
  onClose,
}: {
  conversationId: string;
  /** The note as stored ('' when there is none). */
  saved: string;
  savedAt: string | null;
  busy: boolean;
  onSave: (text: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { time } = useFormats();
  const [text, setText, forget] = useDraft(`private-note:${conversationId}`, 'Your private note', saved);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, []);
  const unchanged = text === saved;
  return (
    <div className={styles.root} data-testid="private-note">
      <LimitedField
        label="Private note — only you see it"
        limit={TEXT_LIMITS.note}
        value={text}
        hint="The other person never sees it. Shared notes go under the agenda items."
      >
        <Textarea
          id={PRIVATE_NOTE_BOX}
          textarea={{ ref: boxRef }}
          value={text}
          resize="vertical"
          rows={4}
          onChange={(_, data) => {
            setText(data.value);
          }}
        />
      </LimitedField>
      <div className={styles.buttons}>
        <Button
          size="small"
          appearance="primary"
          disabledFocusable={busy || unchanged || charactersOver(text, TEXT_LIMITS.note) > 0}
          onClick={() => {
            void onSave(text).then((stored) => {
              if (stored) forget();
            });
          }}
        >
          Save note
        </Button>
        <Button size="small" onClick={onClose}>
          Close
        </Button>
        <Text role="status" className={styles.saved} data-testid="private-note-saved">
          {!unchanged ? 'Not saved yet' : savedAt ? `Saved at ${time(savedAt)}` : ''}
        </Text>
      </div>
    </div>
  );
}
