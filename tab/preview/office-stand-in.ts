import {
  COMPOSE,
  STAND_IN,
  versionAtMost,
  type ComposeAnswer,
  type ComposeContext,
  type ComposeMethod,
  type StandInRequest,
} from './outlook-protocol';

/**
 * The preview build's Office.js (served in place of Microsoft's CDN file, see vite.config.ts): a global `Office` with
 * only what the add-in calls — onReady, requirements.isSetSupported, the signed-in person, and an appointment being
 * composed (body type, prepend, read, selection, attendees) — and, where the chosen Outlook offers nested app
 * authentication, `window.nestedAppAuthBridge`, which MSAL talks to. Every call goes to the Outlook compose page
 * that frames the add-in (tab/preview/outlook.ts), which holds the invite, shows it and records what went in.
 */

type Callback<T> = (result: {
  status: 'succeeded' | 'failed';
  value: T | undefined;
  error?: { message: string };
}) => void;

const pending = new Map<number, (answer: ComposeAnswer) => void>();
let nextId = 1;
const parent = window.parent !== window ? window.parent : null;

window.addEventListener('message', (event: MessageEvent<Partial<ComposeAnswer> | null>) => {
  if (event.source !== parent || event.data?.source !== COMPOSE) return;
  const answer = event.data as ComposeAnswer;
  pending.get(answer.id)?.(answer);
  pending.delete(answer.id);
});

function ask(method: ComposeMethod, args: unknown[] = []): Promise<unknown> {
  if (!parent) return Promise.reject(new Error('No Outlook frames this page.'));
  const id = nextId;
  nextId += 1;
  return new Promise((resolve, reject) => {
    pending.set(id, (answer) => {
      if (answer.ok) resolve(answer.value);
      else reject(new Error(answer.message));
    });
    const request: StandInRequest = { source: STAND_IN, id, method, args };
    parent.postMessage(request, window.location.origin);
  });
}

function asyncCall<T>(method: ComposeMethod, args: unknown[], callback: Callback<T> | undefined): void {
  ask(method, args).then(
    (value) => callback?.({ status: 'succeeded', value: value as T }),
    (error: unknown) =>
      callback?.({
        status: 'failed',
        value: undefined,
        error: { message: error instanceof Error ? error.message : 'Failed.' },
      }),
  );
}

let context: ComposeContext | null = null;

/** MSAL's nested app authentication bridge: JSON requests in, JSON answers to its listeners. */
function installNestedAppAuthBridge(): void {
  const listeners: ((response: string) => void)[] = [];
  Object.assign(window, {
    nestedAppAuthBridge: {
      addEventListener(_type: string, listener: (response: string) => void) {
        listeners.push(listener);
      },
      removeEventListener() {
        // MSAL keeps its listener for the page's life.
      },
      postMessage(message: string) {
        void ask('naa', [message]).then((response) => {
          for (const listener of listeners) listener(String(response));
        });
      },
    },
  });
}

const ready: Promise<{ host: string | null; platform: string | null }> = parent
  ? ask('context').then((value) => {
      context = value as ComposeContext;
      if (context.sets.NestedAppAuth) installNestedAppAuthBridge();
      return { host: 'Outlook', platform: 'OfficeOnline' };
    })
  : Promise.resolve({ host: null, platform: null });

const item = {
  itemType: 'appointment',
  body: {
    getTypeAsync: (callback?: Callback<string>) => {
      asyncCall('body.getType', [], callback);
    },
    prependAsync: (data: string, options: { coercionType?: string }, callback?: Callback<void>) => {
      asyncCall('body.prepend', [data, options.coercionType ?? 'text'], callback);
    },
    setSelectedDataAsync: (data: string, options: { coercionType?: string }, callback?: Callback<void>) => {
      asyncCall('body.setSelected', [data, options.coercionType ?? 'text'], callback);
    },
    getAsync: (coercionType: string, callback?: Callback<string>) => {
      asyncCall('body.get', [coercionType], callback);
    },
  },
  requiredAttendees: {
    getAsync: (callback?: Callback<{ emailAddress: string; displayName: string }[]>) => {
      asyncCall('attendees.required', [], callback);
    },
  },
  optionalAttendees: {
    getAsync: (callback?: Callback<{ emailAddress: string; displayName: string }[]>) => {
      asyncCall('attendees.optional', [], callback);
    },
  },
  getSelectedDataAsync: (coercionType: string, callback?: Callback<{ data: string; sourceProperty: string }>) => {
    asyncCall('item.getSelected', [coercionType], callback);
  },
};

Object.assign(window, {
  Office: {
    onReady: () => ready,
    context: {
      get displayLanguage() {
        return context?.displayLanguage ?? 'en-US';
      },
      requirements: {
        isSetSupported(name: string, minVersion = '1.1') {
          const supported = context?.sets[name];
          return supported !== undefined && versionAtMost(minVersion, supported);
        },
      },
      mailbox: {
        item,
        get userProfile() {
          return context?.userProfile ?? { emailAddress: '', displayName: '' };
        },
      },
    },
  },
});
