import { Component, Fragment, useSyncExternalStore, type ErrorInfo, type ReactNode } from 'react';
import { disarmRenderFault, isRenderFaultArmed, onRenderFault } from '../lib/render-fault.ts';
import { TEST_BUILD } from '../lib/test-build.ts';
import { useI18n } from '../ui/i18n.tsx';

type State = { error: Error | null; generation: number };

/**
 * The app's root error boundary: a screen that fails to render shows what happened and a way back instead
 * of a blank page. The projects are in IndexedDB (written as work goes), so nothing is lost by going back
 * to the start screen or reloading.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Garim: a screen failed to render', error, info.componentStack);
    if (TEST_BUILD) disarmRenderFault();
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    // A new generation mounts the app afresh (its start screen), not the state that failed.
    if (!error) return <Fragment key={generation}>{this.props.children}</Fragment>;
    const back = () => this.setState({ error: null, generation: generation + 1 });
    return <RenderFailed detail={error.message} onBack={back} />;
  }
}

function RenderFailed({ detail, onBack }: { detail: string; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <main className="render-failed">
      <div role="alert" className="error" data-error="RenderError">
        <h1>{t('renderFailed.title')}</h1>
        <p>{t('renderFailed.body')}</p>
        <p className="detail">{detail}</p>
      </div>
      <button type="button" onClick={onBack}>
        {t('renderFailed.back')}
      </button>{' '}
      <button type="button" onClick={() => location.reload()}>
        {t('renderFailed.reload')}
      </button>
    </main>
  );
}

/** Test builds only (main.tsx renders it behind TEST_BUILD): fails one render when the test hook says so. */
export function RenderFaultProbe(): null {
  if (useSyncExternalStore(onRenderFault, isRenderFaultArmed)) {
    throw new Error('A render failure made by the test hook');
  }
  return null;
}
