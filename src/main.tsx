import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary, RenderFaultProbe } from './app/ErrorBoundary.tsx';
import { I18nProvider } from './ui/i18n.tsx';
import { sweepOutputs } from './job/output-files.ts';
import { installGarimApi } from './job/garim-api.ts';
import { testHooks } from './job/test-hooks.ts';
import { TEST_BUILD } from './lib/test-build.ts';
import './app/styles.css';

// The command line's `window.__garim` in every build; its test hooks only in a test build (a production
// bundle leaves testHooks out: TEST_BUILD is a literal there).
installGarimApi(TEST_BUILD ? testHooks() : undefined);
// Export outputs left in OPFS by closed tabs or stopped exports (those another tab still shows are kept).
void sweepOutputs();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ErrorBoundary>
        {TEST_BUILD && <RenderFaultProbe />}
        <App />
      </ErrorBoundary>
    </I18nProvider>
  </StrictMode>,
);
