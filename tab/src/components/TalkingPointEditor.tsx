import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { TEXT_LIMITS } from '../../../functions/src/contract/text-limits';
import { useDraft } from './drafts';
import { LimitedField, charactersOver } from './LimitedField';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  buttons: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
});

/** The author corrects their own talking point in place, while the conversation is a draft. */
export function TalkingPointEditor({
  domId,
  draftKey,
  saved,
  busy,
  onSave,
  onClose,
}: {
  domId: string;
  draftKey: string;
  saved: string;
  busy: boolean;
  onSave: (text: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [text, setText, forget] = useDraft(draftKey, 'Your talking point', saved);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  const trimmed = text.trim();
  const over = charactersOver(text, TEXT_LIMITS.talkingPoint) > 0;
  const canSave = !busy && !over && trimmed !== '' && trimmed !== saved;
  const save = async () => {
    if (!canSave) return;
    if (await onSave(trimmed)) {
      forget();
      onClose();
    }
  };
  const cancel = () => {
    forget();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };
  return (
    <div className={styles.root}>
      <LimitedField label="Your talking point" limit={TEXT_LIMITS.talkingPoint} value={text}>
        <Input
          id={`point-box-${domId}`}
          input={{ ref: inputRef }}
          value={text}
          onKeyDown={onKeyDown}
          onChange={(_, data) => {
            setText(data.value);
          }}
        />
      </LimitedField>
      <div className={styles.buttons}>
        <Button size="small" appearance="primary" disabledFocusable={!canSave} onClick={() => void save()}>
          Save
        </Button>
        <Button size="small" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
