import {
  Badge,
  Button,
  Checkbox,
  Divider,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  teamsLightTheme,
} from '@fluentui/react-components';
import { app, authentication } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The floor for "navigation to an interactive agenda": everything the side panel must do before its agenda can be
 * used, and nothing of the app. The same teams-js handshake (initialize, then the context), started before React
 * renders; the Teams SSO token; the same API request the side panel opens with (`GET /api/meetings/panel`, so an
 * answer of the same size); then a checkbox per agenda item of the answer, with the Fluent components the side
 * panel's first screen shows. No validation, state or editing: what any tab that shows this data pays.
 */
interface Panel {
  conversation: { conversation: { agenda: { id: string; text: string; discussed: boolean }[] } } | null;
}

const loaded = app.initialize().then(async (): Promise<Panel> => {
  const context = await app.getContext();
  const token = await authentication.getAuthToken();
  const query = new URLSearchParams({ meetingId: context.meeting?.id ?? '' });
  if (context.chat?.id) query.set('chatId', context.chat.id);
  const response = await fetch(`/api/meetings/panel?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`The panel answered ${response.status}.`);
  return (await response.json()) as Panel;
});

function Agenda() {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let active = true;
    loaded.then(
      (answer) => {
        if (active) setPanel(answer);
      },
      () => {
        if (active) setFailed(true);
      },
    );
    return () => {
      active = false;
    };
  }, []);
  if (failed)
    return (
      <MessageBar intent="error">
        <MessageBarBody>The panel did not load.</MessageBarBody>
      </MessageBar>
    );
  if (!panel) return <Spinner label="Loading…" />;
  return (
    <main>
      <Text as="h1" weight="semibold">
        Agenda
      </Text>
      <Badge appearance="tint">In progress</Badge>
      <ul>
        {(panel.conversation?.conversation.agenda ?? []).map((item) => (
          <li key={item.id}>
            <Checkbox label={item.text} defaultChecked={item.discussed} />
          </li>
        ))}
      </ul>
      <Divider />
      <Field label="New talking point">
        <Input />
      </Field>
      <Button appearance="primary">Agree</Button>
      <Link href="#">Open my plan</Link>
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
