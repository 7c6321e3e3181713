import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract';

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
  return (
    <div className={styles.root}>
      <Field label="My private note" hint="Only you can see this note. The other person never does.">
        <Textarea
          value={text}
          resize="vertical"
          rows={8}
          maxLength={TEXT_LIMITS.note}
          onChange={(_, data) => {
            setText(data.value);
          }}
        />
      </Field>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy || text === initial}
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
