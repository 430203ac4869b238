import { useEffect } from 'react';
import { DropZone } from './DropZone.tsx';
import { Header } from './Header.tsx';
import { useI18n } from './i18n.tsx';
import { initDetector } from './job.ts';
import { JobProgress } from './JobProgress.tsx';
import { errorMessage } from './messages.ts';
import { PreviewCanvas } from './PreviewCanvas.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { rememberResult } from './test-api.ts';
import { useJob } from './use-job.ts';

export function App() {
  const { t, lang } = useI18n();
  const { view, detector, preview, start, cancel, reset, setDetector } = useJob();

  useEffect(() => {
    initDetector().then(setDetector, () => undefined);
  }, [setDetector]);

  useEffect(() => rememberResult(view.phase === 'done' ? view.result : null), [view]);

  return (
    <div className="app" data-state={view.phase}>
      <Header detector={detector} />
      <main>
        {view.phase !== 'working' && <DropZone onFile={(f) => void start(f)} disabled={false} />}
        {view.phase === 'working' && <JobProgress progress={view.progress} onCancel={cancel} />}
        {view.phase === 'cancelled' && <p role="status">{t('cancelled')}</p>}
        {view.phase === 'error' && (
          <div role="alert" className="error" data-error={view.name}>
            <p>{errorMessage(lang, view.name, view.message)}</p>
            <details>
              <summary>{t('errorDetails')}</summary>
              <code>{view.message}</code>
            </details>
          </div>
        )}
        {view.phase === 'done' && <ResultPanel result={view.result} onReset={reset} />}
        {view.phase !== 'idle' && <PreviewCanvas preview={preview} />}
      </main>
      <footer className="muted">{t('privacyNote')}</footer>
    </div>
  );
}
