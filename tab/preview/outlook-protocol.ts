/**
 * What the preview's Office.js stand-in (in the add-in's frame) and its Outlook compose page (the frame's parent)
 * say to each other over postMessage. Real Outlook speaks its own protocol; this one carries only the calls the
 * add-in makes, so the add-in's real code (tab/src/host/office-host.ts, MSAL's nested app authentication) runs.
 */

export const STAND_IN = 'office-stand-in';
export const COMPOSE = 'outlook-compose';

export type ComposeMethod =
  | 'context'
  | 'body.getType'
  | 'body.prepend'
  | 'body.get'
  | 'body.setSelected'
  | 'item.getSelected'
  | 'attendees.required'
  | 'attendees.optional'
  | 'naa';

export interface StandInRequest {
  source: typeof STAND_IN;
  id: number;
  method: ComposeMethod;
  args: unknown[];
}

export type ComposeAnswer =
  | { source: typeof COMPOSE; id: number; ok: true; value: unknown }
  | { source: typeof COMPOSE; id: number; ok: false; message: string };

/** What the stand-in learns on start: who is signed in, and which requirement sets this Outlook supports. */
export interface ComposeContext {
  displayLanguage: string;
  userProfile: { emailAddress: string; displayName: string };
  /** Requirement set name → the highest version supported; a set not named is not supported. */
  sets: Record<string, string>;
}

/** Whether `version` (such as "1.3") is at most `supported` (such as "1.14"), comparing each number. */
export function versionAtMost(version: string, supported: string): boolean {
  const want = version.split('.').map(Number);
  const have = supported.split('.').map(Number);
  for (let index = 0; index < Math.max(want.length, have.length); index += 1) {
    const a = want[index] ?? 0;
    const b = have[index] ?? 0;
    if (a !== b) return a < b;
  }
  return true;
}
