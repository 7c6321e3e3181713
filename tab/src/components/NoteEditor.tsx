import { Button, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { LimitedField, charactersOver } from './LimitedField';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  buttons: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

/** The caller's private note on this conversation: nobody else ever sees it. */
export function NoteEditor({
  initial,
  busy,
  onSave,
  onDone,
}: {
  initial: string;
  busy: boolean;
  onSave: (text: string) => Promise<boolean>;
  onDone: () => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState(initial);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, []);
  return (
    <div className={styles.root}>
      <LimitedField
        label="Private note — only you see it"
        limit={TEXT_LIMITS.note}
        value={text}
        hint="The other person never sees this note. Shared notes go under the agenda items."
      >
        <Textarea
          textarea={{ ref: boxRef }}
          value={text}
          resize="vertical"
          rows={8}
          onChange={(_, data) => {
            setText(data.value);
          }}
        />
      </LimitedField>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy || text === initial || charactersOver(text, TEXT_LIMITS.note) > 0}
          onClick={() => {
            void onSave(text).then((saved) => {
              if (saved) onDone();
            });
          }}
        >
          Save note
        </Button>
        <Button onClick={onDone}>Back</Button>
      </div>
    </div>
  );
}
