import { WebPubSubClient, WebPubSubJsonProtocol } from '@azure/web-pubsub-client';

/**
 * The conversation's live channel: Azure Web PubSub tells the panel that the conversation changed (who, what kind),
 * never what it says; the panel then reads it. Its own module, loaded once the agenda is on screen, so the first
 * screen's JavaScript does not carry the client.
 */

export interface LiveHandlers {
  /** A client access URL for this conversation's group (the API's negotiate), or null where live updates are off. */
  access: () => Promise<string | null>;
  /** A message of the group: what changed, as the API sent it. */
  onMessage: (data: unknown) => void;
  /** Connected, at first or again: read the conversation once, so nothing missed meanwhile stays missed. */
  onConnected: () => void;
  /** The connection dropped (it retries by itself): poll as before until it is back. */
  onDisconnected: () => void;
}

export interface LiveChannel {
  stop: () => void;
}

/** Not configured where the API answers no URL: the panel stays on its poll. */
export class LiveUnavailable extends Error {
  constructor() {
    super('Live updates are not configured.');
    this.name = 'LiveUnavailable';
  }
}

/** Connects, and keeps connecting with growing pauses while the service is away, until stopped. */
export async function connectLive(handlers: LiveHandlers): Promise<LiveChannel> {
  const state = { stopped: false };
  // A function, not the flag itself: the flag changes while the start below is awaited.
  const stopped = () => state.stopped;
  const client = new WebPubSubClient(
    {
      getClientAccessUrl: async () => {
        const url = await handlers.access();
        if (!url) throw new LiveUnavailable();
        return url;
      },
    },
    {
      // The plain JSON protocol: every reconnect reads the conversation again, so no message needs replaying.
      protocol: WebPubSubJsonProtocol(),
      autoReconnect: true,
      autoRejoinGroups: false,
      reconnectRetryOptions: {
        maxRetries: 1_000_000,
        retryDelayInMs: 1_000,
        maxRetryDelayInMs: 15_000,
        mode: 'Exponential',
      },
    },
  );
  client.on('connected', () => {
    handlers.onConnected();
  });
  client.on('disconnected', () => {
    handlers.onDisconnected();
  });
  client.on('group-message', (event) => {
    handlers.onMessage(event.message.data);
  });
  // Out of retries (or never started): try again later, from the start, while the panel is open.
  let restart: ReturnType<typeof setTimeout> | undefined;
  const begin = async (): Promise<void> => {
    if (stopped()) return;
    try {
      await client.start();
    } catch (error) {
      if (error instanceof LiveUnavailable || stopped()) return;
      handlers.onDisconnected();
      restart = setTimeout(() => void begin(), 15_000);
    }
  };
  client.on('stopped', () => {
    if (stopped()) return;
    handlers.onDisconnected();
    restart = setTimeout(() => void begin(), 15_000);
  });
  await begin();
  return {
    stop: () => {
      state.stopped = true;
      clearTimeout(restart);
      client.stop();
    },
  };
}
