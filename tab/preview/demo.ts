import type { EmulatedPerson } from './host-emulator';

/** The demo organisation and its dev tokens, from the local run's dev endpoints (functions/dev/dev-site.ts). */

export interface DemoPerson extends EmulatedPerson {
  jobTitle?: string;
  /** Their mail address, as Outlook lists them in an invite's attendees. */
  email?: string;
}

export async function fetchPeople(): Promise<DemoPerson[]> {
  return (await (await fetch('/dev/people')).json()) as DemoPerson[];
}

const tokens = new Map<string, { token: string; until: number }>();

/** A dev token for the person, as Teams SSO would hand one to the tab (only a dev-mode API accepts it). */
export async function tokenFor(person: DemoPerson): Promise<string> {
  const cached = tokens.get(person.shortName);
  if (cached && cached.until > Date.now()) return cached.token;
  const response = await fetch(`/dev/token?user=${encodeURIComponent(person.shortName)}`);
  if (!response.ok) throw new Error(`No dev token for ${person.shortName}.`);
  const { token } = (await response.json()) as { token: string };
  tokens.set(person.shortName, { token, until: Date.now() + 30 * 60 * 1000 });
  return token;
}

/**
 * Tells the local Graph stand-in who is in a meeting's chat, as Teams knows it: the API asks Graph for the chat's
 * members to suggest whose plan the 1:1 is about. Where the dev site has no stand-in, nothing happens.
 */
export async function declareChatMembers(chatId: string, shortNames: string[]): Promise<void> {
  await fetch(`/dev/chats/members?chatId=${encodeURIComponent(chatId)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ members: [...new Set(shortNames)] }),
  }).catch(() => undefined);
}
