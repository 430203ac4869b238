import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { I18nProvider } from './ui/i18n.tsx';
import { sweepOutputs } from './job/output-files.ts';
import { installTestApi } from './job/test-api.ts';
import { PwaPrompt } from './pwa/PwaPrompt.tsx';
import './app/styles.css';

installTestApi();
// Export outputs left in OPFS by closed tabs or stopped exports (those another tab still shows are kept).
void sweepOutputs();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
      <PwaPrompt />
    </I18nProvider>
  </StrictMode>,
);
