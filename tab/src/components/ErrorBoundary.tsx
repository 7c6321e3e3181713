import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import type { ClientFailureReport } from '../../../functions/src/contract';
import { keptDrafts } from './drafts';

/** What is reported of a failure: its kind and where in the app it happened (components by name), never content. */
export type RenderFailure = ClientFailureReport;

interface Props {
  /** Which surface this guards (side panel, My plan…): part of the report. */
  surface: RenderFailure['surface'];
  /** Sends the report; a failure to send is ignored. */
  report: (failure: RenderFailure) => Promise<void>;
  children: ReactNode;
}

interface State {
  failed: boolean;
  /** Bumped by Reload, so everything below starts over. */
  attempt: number;
}

/** Component names from React's component stack ("at ConversationPanel (…)"), without file paths or arguments. */
export function componentNames(stack: string | null | undefined): string[] {
  return [...(stack ?? '').matchAll(/^\s*(?:at\s+)?([A-Z][A-Za-z0-9_$]{0,60})\b/gm)]
    .map((match) => match[1] ?? '')
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Catches a failure while drawing a surface, so the person never sees a blank panel: says what happened, lists what
 * they were typing (kept as drafts, it comes back after Reload), and offers Reload, which draws the surface again
 * from the service. The failure is reported without content.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const errorName = (error instanceof Error ? error.name : typeof error).replace(/[^A-Za-z0-9_$]/g, '') || 'Error';
    this.props
      .report({ surface: this.props.surface, errorName, components: componentNames(info.componentStack) })
      .catch(() => undefined);
  }

  private readonly reload = () => {
    this.setState((current) => ({ failed: false, attempt: current.attempt + 1 }));
  };

  override render(): ReactNode {
    if (!this.state.failed) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    return <FailureNotice onReload={this.reload} />;
  }
}

const useStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  drafts: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

function FailureNotice({ onReload }: { onReload: () => void }) {
  const styles = useStyles();
  const drafts = keptDrafts();
  return (
    <main className={styles.root}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>This page stopped working</MessageBarTitle>
          Something went wrong while showing it. Everything you saved is stored; Reload shows it again.
        </MessageBarBody>
      </MessageBar>
      {drafts.length > 0 ? (
        <section aria-labelledby="kept-heading">
          <Text as="h2" id="kept-heading" weight="semibold" size={300}>
            What you were typing is kept
          </Text>
          <ul className={styles.drafts} data-testid="kept-drafts">
            {drafts.map((draft) => (
              <li key={draft.label + draft.text}>
                <Text weight="semibold">{draft.label}: </Text>
                <Text className={styles.text}>{draft.text}</Text>
              </li>
            ))}
          </ul>
          <Text size={200}>It comes back in its field after Reload.</Text>
        </section>
      ) : null}
      <div>
        <Button appearance="primary" onClick={onReload}>
          Reload
        </Button>
      </div>
    </main>
  );
}
