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
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  teamsLightTheme,
} from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { createRoot } from 'react-dom/client';

/*
 * The floor for the side panel's bundle: React, teams-js and the Fluent components the side panel's first
 * screens render (starting a conversation, and a draft's agenda), built the same way as the tab and with
 * nothing of the app itself. Keep the list in step with those screens.
 */
void app.initialize().catch(() => undefined);
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <FluentProvider theme={teamsLightTheme}>
    <main>
      <Spinner label="Loading…" />
      <Text>Agenda</Text>
      <Badge appearance="tint" color="informative">
        In progress
      </Badge>
      <Checkbox label="Discussed" />
      <Field label="New talking point">
        <Input />
      </Field>
      <Field label="With">
        <Select>
          <option>Someone</option>
        </Select>
      </Field>
      <Field label="Conversation">
        <RadioGroup>
          <Radio value="job" label="Job development" />
        </RadioGroup>
      </Field>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>Problem</MessageBarTitle>
          Something went wrong.
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small">Try again</Button>
        </MessageBarActions>
      </MessageBar>
      <Divider />
      <Link href="#history">Plan history</Link>
      <Button appearance="primary">Agree</Button>
    </main>
  </FluentProvider>,
);
