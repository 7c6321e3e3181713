import { Field, mergeClasses } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { characterCount } from '../../../functions/src/contract/text-limits';
import { useLimitedFieldStyles } from './limited-field.styles';
import { useVisuallyHiddenStyles } from './visually-hidden.styles';

/** Characters past the limit, counted as the API counts them (characters, not UTF-16 units). */
export function charactersOver(value: string, limit: number): number {
  return Math.max(0, characterCount(value) - limit);
}

interface Props {
  label: string;
  /** The most characters the API accepts for this text. */
  limit: number;
  value: string;
  hint?: string;
  required?: boolean;
  /** The form's own complaint (such as an empty title); the limit's comes first when both apply. */
  validationMessage?: string | null;
  className?: string;
  /** One Input or Textarea: the field labels it and describes it with the hint and the count. */
  children: ReactNode;
}

/**
 * A text field that shows its limit before it bites: "212 / 280" under the box, in warning colour
 * near the end, and an error that says how much to cut once past it. Nothing is cut off silently:
 * the text stays as typed (or pasted) and the form refuses to send it until it fits.
 */
export function LimitedField({ label, limit, value, hint, required, validationMessage, className, children }: Props) {
  const styles = useLimitedFieldStyles();
  const hidden = useVisuallyHiddenStyles();
  const count = characterCount(value);
  const over = Math.max(0, count - limit);
  const near = over === 0 && count >= limit * 0.9;
  const message = over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too many: keep it to ${limit}.` : null;
  const shownMessage = message ?? validationMessage ?? null;
  return (
    <Field
      label={label}
      {...(required ? { required } : {})}
      {...(className ? { className } : {})}
      {...(shownMessage ? { validationMessage: shownMessage, validationState: 'error' as const } : {})}
      hint={{
        className: styles.hint,
        children: (
          <>
            {hint ? <span className={styles.hintText}>{hint}</span> : null}
            <span className={mergeClasses(styles.count, near && styles.near, over > 0 && styles.over)}>
              <span aria-hidden="true">
                {count} / {limit}
              </span>
              <span className={hidden.visuallyHidden}>
                {count} of {limit} characters
              </span>
            </span>
          </>
        ),
      }}
    >
      {children}
    </Field>
  );
}
