import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectToHost } from './host/teams-host';

// The handshake with Teams starts before React renders; the app picks up the same one. A failure shows in the app.
connectToHost().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
