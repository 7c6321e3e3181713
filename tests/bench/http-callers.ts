import { parentPort, workerData } from 'node:worker_threads';

/*
 * The bench's HTTP callers, in a worker thread of their own: in Azure the people calling the API are on
 * other machines, so their HTTP client must not take the thread that runs the API (and, in the bench,
 * Azurite). Started by `http-load.ts`; each caller repeats its request until the time is up.
 */

/** The same request again and again (a read). */
export interface RepeatedRequest {
  kind: 'repeat';
  url: string;
  headers: Record<string, string>;
}

/** Ticks one agenda item on and off, each time with the ETag the last answer gave (a write). */
export interface TickRequests {
  kind: 'tick';
  /** The conversation's address: the item's is below it, and a GET of it gives the ETag again after a refusal. */
  conversationUrl: string;
  itemId: string;
  token: string;
  etag: string;
  discussed: boolean;
}

export type CallerWork = RepeatedRequest | TickRequests;

export interface CallersInput {
  seconds: number;
  callers: CallerWork[];
}

export interface CallersOutput {
  /** Milliseconds each request took, every caller's together. */
  latencies: number[];
  /** Answers other than the one expected (a tick refused, a read not 200); each caller went on. */
  errors: number;
  /** Where each tick caller left its item, for whatever runs next on the same conversations. */
  callers: CallerWork[];
}

async function repeat(work: RepeatedRequest): Promise<boolean> {
  const response = await fetch(work.url, { headers: work.headers });
  await response.arrayBuffer();
  return response.ok;
}

async function tick(work: TickRequests): Promise<boolean> {
  const authorization = `Bearer ${work.token}`;
  work.discussed = !work.discussed;
  const response = await fetch(`${work.conversationUrl}/agenda/${encodeURIComponent(work.itemId)}`, {
    method: 'PATCH',
    headers: { authorization, 'content-type': 'application/json', 'if-match': work.etag },
    body: JSON.stringify({ discussed: work.discussed }),
  });
  const body = (await response.json()) as { conversationEtag?: string };
  if (response.ok && body.conversationEtag) {
    work.etag = body.conversationEtag;
    return true;
  }
  // Not expected (nobody else writes this conversation): read it again and go on.
  const view = (await (await fetch(work.conversationUrl, { headers: { authorization } })).json()) as {
    conversation: { etag: string; agenda: { id: string; discussed: boolean }[] };
  };
  work.etag = view.conversation.etag;
  work.discussed = view.conversation.agenda.find((item) => item.id === work.itemId)?.discussed ?? false;
  return false;
}

async function run({ seconds, callers }: CallersInput): Promise<CallersOutput> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    callers.map(async (work) => {
      while (performance.now() < end) {
        const started = performance.now();
        const ok = work.kind === 'tick' ? await tick(work) : await repeat(work);
        latencies.push(performance.now() - started);
        if (!ok) errors += 1;
      }
    }),
  );
  return { latencies, errors, callers };
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as CallersInput).then((output) => {
    port.postMessage(output);
  });
}
