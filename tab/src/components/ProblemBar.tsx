import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** A failure shown where it happened, with a way to retry or dismiss. */
export function ProblemBar({
  title,
  message,
  onRetry,
  onDismiss,
  intent = 'error',
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
  onDismiss?: () => void;
  intent?: 'error' | 'warning' | 'info';
}) {
  return (
    <MessageBar intent={intent} layout="multiline" role={intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {message}
      </MessageBarBody>
      {onRetry || onDismiss ? (
        <MessageBarActions>
          {onRetry ? (
            <Button size="small" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
          {onDismiss ? (
            <Button size="small" appearance="transparent" onClick={onDismiss}>
              Dismiss
            </Button>
          ) : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
