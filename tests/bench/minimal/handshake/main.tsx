import { Checkbox, FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The floor for "navigation to an interactive agenda": the same teams-js handshake as the tab
 * (initialize, then the context), started before React renders, and a list of Fluent checkboxes
 * once it completes. No token, no API call: what any tab built on React, Fluent and teams-js pays.
 */
const ITEMS = [
  'Which goals and objectives matter most this year?',
  'What do you need to learn to reach them?',
  'How will you learn it: courses, people, real work?',
  'What support do you need from your manager?',
  'Anything else to talk about?',
];

const handshake = app.initialize().then(() => app.getContext());

function Agenda() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let active = true;
    void handshake.then(() => {
      if (active) setReady(true);
    });
    return () => {
      active = false;
    };
  }, []);
  if (!ready) return null;
  return (
    <main>
      <h1>Agenda</h1>
      <ul>
        {ITEMS.map((item) => (
          <li key={item}>
            <Checkbox label={item} />
          </li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <FluentProvider theme={teamsLightTheme}>
      <Agenda />
    </FluentProvider>,
  );
