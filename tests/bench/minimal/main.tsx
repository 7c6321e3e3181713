import { Button, FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { createRoot } from 'react-dom/client';

// The smallest page built the same way as the tab: the baseline for its bundle size.
void app.initialize().catch(() => undefined);
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <FluentProvider theme={teamsLightTheme}>
    <Button appearance="primary">Hello</Button>
  </FluentProvider>,
);
