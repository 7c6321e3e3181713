import {
  FluentProvider,
  Spinner,
  Text,
  makeStyles,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import type { ApiClient } from './api/client';
import type { HostContext, ThemeName } from './host/teams-host';
import { ErrorBoundary } from './components/ErrorBoundary';
import { FormatsProvider } from './components/format';
import './components/text-size.css';
import { parsePlanSubPageId, type PlanSection } from './host/app-id';
import { useTeamsHost } from './host/use-teams-host';
import type { OTHER_THEMES } from './other-themes';
import { SidePanel } from './pages/SidePanel';

const MyPlan = lazy(() => import('./pages/MyPlan'));
const Team = lazy(() => import('./pages/Team'));
const Configure = lazy(() => import('./pages/Configure'));

/**
 * The theme to show: Teams' light theme ships with the first paint, dark and high contrast load when Teams asks for
 * one (most people never do). Until they arrive, and if they cannot load, the light theme stays.
 */
function useTheme(wanted: ThemeName): { name: ThemeName; theme: Theme } {
  const [others, setOthers] = useState<typeof OTHER_THEMES | null>(null);
  useEffect(() => {
    if (wanted === 'default' || others) return undefined;
    let current = true;
    import('./other-themes').then(
      (themes) => {
        if (current) setOthers(themes.OTHER_THEMES);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [wanted, others]);
  return wanted === 'default' || !others
    ? { name: 'default', theme: teamsLightTheme }
    : { name: wanted, theme: others[wanted] };
}

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  centre: {
    padding: tokens.spacingVerticalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '520px',
  },
});

export type Surface = 'sidepanel' | 'myplan' | 'team' | 'config';

/** Which surface to show: the URL names it (the manifest sets it per tab), else the frame context decides. */
export function surfaceOf(context: HostContext, search: string): Surface {
  const view = new URLSearchParams(search).get('view');
  if (view === 'sidepanel' || view === 'myplan' || view === 'team' || view === 'config') return view;
  if (context.frameContext === 'settings') return 'config';
  if (context.frameContext === 'sidePanel' || context.frameContext === 'meetingStage') return 'sidepanel';
  return 'myplan';
}

function PersonalTabs({ api, surface, context }: { api: ApiClient; surface: 'myplan' | 'team'; context: HostContext }) {
  const [me, setMe] = useState<string | null>(null);
  // A link into My plan names whose plan and the part of it to land on.
  const target = parsePlanSubPageId(surface === 'myplan' ? context.subPageId : null);
  const [openPlan, setOpenPlan] = useState<string | null>(target.employeeId);
  const [section] = useState<PlanSection | null>(target.section);
  useEffect(() => {
    void api.me().then(
      (who) => {
        setMe(who.user.id);
      },
      () => {
        setMe('');
      },
    );
  }, [api]);
  if (me === null) return <Spinner label="Loading…" />;
  if (surface === 'team' && !openPlan) return <Team api={api} onOpenPlan={setOpenPlan} />;
  const employeeId = openPlan ?? me;
  return (
    <MyPlan
      key={employeeId}
      api={api}
      employeeId={employeeId}
      landOn={section}
      {...(surface === 'team'
        ? {
            onBack: () => {
              setOpenPlan(null);
            },
          }
        : {})}
    />
  );
}

export function App() {
  const styles = useStyles();
  const host = useTeamsHost();
  const theme = useTheme(host.status === 'ready' ? host.theme : 'default');
  return (
    <FluentProvider theme={theme.theme} className={styles.provider} data-theme={theme.name}>
      {host.status === 'starting' ? (
        <div className={styles.centre}>
          <Spinner label="Starting Career Conversations…" />
        </div>
      ) : null}
      {host.status === 'outside' ? (
        <main className={styles.centre}>
          <Text as="h1" size={500} weight="semibold">
            Career Conversations runs inside Microsoft Teams
          </Text>
          <Text>
            Open it from a 1:1 meeting’s side panel, or from the app’s “My plan” tab in Teams, Outlook or the Microsoft
            365 app.
          </Text>
          <Text>
            Running it locally? Open the <a href="/preview.html">local preview</a>, which frames this page the way Teams
            does.
          </Text>
        </main>
      ) : null}
      {host.status === 'ready' ? <Ready api={host.api} context={host.context} /> : null}
    </FluentProvider>
  );
}

function Ready({ api, context }: { api: ApiClient; context: HostContext }) {
  const surface = surfaceOf(context, window.location.search);
  // A failure while drawing a surface shows what happened and a way back, never a blank page.
  return (
    <FormatsProvider locale={context.locale}>
      <ErrorBoundary surface={surface} report={(failure) => api.reportFailure(failure)}>
        <Suspense fallback={<Spinner label="Loading…" />}>
          {surface === 'sidepanel' ? <SidePanel api={api} context={context} /> : null}
          {surface === 'config' ? <Configure /> : null}
          {surface === 'myplan' || surface === 'team' ? (
            <PersonalTabs api={api} surface={surface} context={context} />
          ) : null}
        </Suspense>
      </ErrorBoundary>
    </FormatsProvider>
  );
}
