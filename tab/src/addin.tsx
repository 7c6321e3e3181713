import { FluentProvider, Link, Spinner, Text, makeStyles, teamsLightTheme, tokens } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MANIFEST_APP_ID, appPageDeepLink } from './host/app-id';
import { useOutlookHost } from './host/use-outlook-host';
import { AgendaPane } from './pages/AgendaPane';
import { useTabStyles } from './pages/tab.styles';

/** The Outlook add-in's task pane (addin.html): Office.js is loaded before this module, by the page. */

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
});

const TEAMS_APP_ID = import.meta.env.VITE_TEAMS_CATALOG_APP_ID ?? MANIFEST_APP_ID;

function Pane() {
  const styles = useStyles();
  const tab = useTabStyles();
  const host = useOutlookHost();
  const openInTeams = (
    <Link href={appPageDeepLink(TEAMS_APP_ID, 'myplan')} target="_blank" rel="noopener noreferrer">
      Open My plan in Teams
    </Link>
  );
  return (
    <FluentProvider theme={teamsLightTheme} className={styles.provider}>
      {host.status === 'starting' ? (
        <div className={tab.root}>
          <Spinner label="Starting Career Conversations…" />
        </div>
      ) : null}
      {host.status === 'outside' ? (
        <main className={tab.root} aria-labelledby="pane-title">
          <h1 className={tab.h1} id="pane-title">
            Career conversation agenda
          </h1>
          <Text>
            {host.reason} This pane opens from the Career conversation agenda button of a meeting you organize in
            Outlook.
          </Text>
          {openInTeams}
        </main>
      ) : null}
      {host.status === 'no-sign-in' ? (
        <main className={tab.root} aria-labelledby="pane-title">
          <h1 className={tab.h1} id="pane-title">
            Career conversation agenda
          </h1>
          <Text>
            This version of Outlook cannot sign Career Conversations in, so the agenda cannot be shown here. Open the
            plan in Teams to see the agenda and prepare your talking points.
          </Text>
          {openInTeams}
        </main>
      ) : null}
      {host.status === 'ready' ? <AgendaPane api={host.api} outlook={host.context} /> : null}
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Pane />
    </StrictMode>,
  );
}
