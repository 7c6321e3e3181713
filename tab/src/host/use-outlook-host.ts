import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from '../api/client';
import { OutsideOutlookError, connectToOutlook, nestedAppTokenSource, type OutlookContext } from './office-host';

/** The app registration the add-in signs in with (ENTRA_CLIENT_ID at build time): the tab's own. */
const CLIENT_ID = import.meta.env.VITE_ENTRA_CLIENT_ID ?? 'career-conversations-local';

export type OutlookHostState =
  | { status: 'starting' }
  | { status: 'outside'; reason: string }
  /** Outlook cannot sign the add-in in (no nested app authentication): the plan is in Teams. */
  | { status: 'no-sign-in'; context: OutlookContext }
  | { status: 'ready'; context: OutlookContext; api: ApiClient };

/** Owns Office.js start-up and the API client signed in by nested app authentication. */
export function useOutlookHost(): OutlookHostState {
  const [state, setState] = useState<OutlookHostState>({ status: 'starting' });
  const api = useMemo(
    () => new ApiClient(nestedAppTokenSource(CLIENT_ID), import.meta.env.VITE_API_BASE_URL ?? '/api'),
    [],
  );
  useEffect(() => {
    let active = true;
    connectToOutlook().then(
      (context) => {
        if (active) setState(context.canSignIn ? { status: 'ready', context, api } : { status: 'no-sign-in', context });
      },
      (error: unknown) => {
        if (!active) return;
        setState({
          status: 'outside',
          reason: error instanceof OutsideOutlookError ? error.message : 'Outlook did not start the add-in.',
        });
      },
    );
    return () => {
      active = false;
    };
  }, [api]);
  return state;
}
