/**
 * `npm run nudges [-- --at <ISO time>]`: runs the daily nudges now (or as if at that time) in the app
 * `npm start` is running, and prints what each person's activity feed received in that run.
 */
import { argv, env, exit } from 'node:process';

const port = Number(env.PORT ?? 7071);
const origin = `http://localhost:${port}`;
const atIndex = argv.indexOf('--at');
const at = atIndex >= 0 ? argv[atIndex + 1] : undefined;

interface Report {
  plansLookedAt: number;
  managersLookedAt: number;
  notifications: number;
  sent: number;
  notInstalled: number;
  failed: number;
  outcomes: { recipientId: string; activityType: string; outcome: { status: string } }[];
}

let response: Response;
try {
  response = await fetch(`${origin}/dev/nudges/run${at ? `?at=${encodeURIComponent(at)}` : ''}`, { method: 'POST' });
} catch {
  console.error(`Nothing answers on ${origin}. Start the app first with \`npm start\` (or set PORT).`);
  exit(1);
}
if (!response.ok) {
  console.error(`The run failed: ${response.status} ${await response.text()}`);
  exit(1);
}
const report = (await response.json()) as Report;
const people = (await (await fetch(`${origin}/dev/people`)).json()) as { id: string; shortName: string }[];
const name = (id: string) => people.find((person) => person.id === id)?.shortName ?? id;
console.log(
  `Looked at ${report.plansLookedAt} plan(s) and ${report.managersLookedAt} manager(s): ${report.notifications} nudge(s), ${report.sent} sent, ${report.notInstalled} not installed, ${report.failed} failed.`,
);
for (const outcome of report.outcomes) {
  console.log(`  ${name(outcome.recipientId).padEnd(8)} ${outcome.activityType.padEnd(24)} ${outcome.outcome.status}`);
}
console.log(`What each person received: ${origin}/preview.html (Activity), or ${origin}/dev/nudges/received?user=ava`);
