/**
 * How long free text may be, and how its length is counted. No zod here: the tab counts and caps what people
 * type with these without bringing zod into its bundle; `fields.ts` and `requests.ts` enforce the same numbers.
 */

/** The longest each kind of free text may be, in characters. */
export const TEXT_LIMITS = {
  talkingPoint: 280,
  actionTitle: 200,
  note: 4000,
  focusArea: 80,
  careerScenario: 120,
  itemNote: 1000,
} as const;

/** Length as a person counts it: characters, not UTF-16 units. */
export const characterCount = (text: string): number => Array.from(text).length;
