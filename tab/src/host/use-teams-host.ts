import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from '../api/client';
import {
  OutsideTeamsError,
  connectToHost,
  getApiToken,
  onThemeChange,
  reportLoaded,
  type HostContext,
  type ThemeName,
} from './teams-host';

export type HostState =
  | { status: 'starting' }
  | { status: 'outside'; reason: string }
  | { status: 'ready'; context: HostContext; theme: ThemeName; api: ApiClient };

/** Owns teams-js start-up, the context, live theme changes and the outside-Teams fallback. */
export function useTeamsHost(): HostState {
  const [state, setState] = useState<HostState>({ status: 'starting' });
  const api = useMemo(() => new ApiClient(getApiToken, import.meta.env.VITE_API_BASE_URL ?? '/api'), []);

  useEffect(() => {
    let active = true;
    connectToHost()
      .then((context) => {
        if (!active) return;
        setState({ status: 'ready', context, theme: context.theme, api });
        onThemeChange((theme) => {
          setState((current) => (current.status === 'ready' ? { ...current, theme } : current));
        });
        reportLoaded();
      })
      .catch((error: unknown) => {
        if (!active) return;
        setState({
          status: 'outside',
          reason: error instanceof OutsideTeamsError ? error.message : 'Teams did not start the app.',
        });
      });
    return () => {
      active = false;
    };
  }, [api]);

  return state;
}
