/**
 * The only place that registers the service worker (src/pwa/sw.ts). It never reloads by itself: "Ready to
 * work offline" is a note that goes by itself after OFFLINE_NOTE_MS (not while it has the keyboard focus),
 * and a new version waits until the person chooses "Reload". Both sit in the page's flow under the header,
 * so they never cover what is on screen.
 */
import { useCallback, useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useI18n } from '../ui/i18n.tsx';

/** How long "Ready to work offline" stays: time to read it, then it is out of the way. */
export const OFFLINE_NOTE_MS = 10_000;

/** Calls `close` after `ms` while `active`, unless `held` (the note has the focus). */
function useCloseAfter(active: boolean, held: boolean, ms: number, close: () => void): void {
  useEffect(() => {
    if (!active || held) return;
    const timer = setTimeout(close, ms);
    return () => clearTimeout(timer);
  }, [active, held, ms, close]);
}

export function PwaPrompt() {
  const { t } = useI18n();
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError: (error: unknown) => console.warn('Garim: no offline support', error),
  });
  const [focused, setFocused] = useState(false);
  const close = () => {
    setOfflineReady(false);
    setNeedRefresh(false);
  };
  const closeNote = useCallback(() => setOfflineReady(false), [setOfflineReady]);
  useCloseAfter(offlineReady && !needRefresh, focused, OFFLINE_NOTE_MS, closeNote);
  const shown = offlineReady || needRefresh;
  // One live region that stays in the page, so what appears in it is announced. Not role=status: the page's
  // own status messages keep that role to themselves.
  return (
    <div
      aria-live="polite"
      className={shown ? 'pwa-prompt' : undefined}
      data-testid="pwa-prompt"
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {shown && (
        <>
          <p data-testid={needRefresh ? 'pwa-update' : 'pwa-offline-ready'}>
            {needRefresh ? t('pwaUpdate') : t('pwaOfflineReady')}
          </p>
          {needRefresh && (
            <button
              type="button"
              className="button--primary"
              onClick={() => void updateServiceWorker(true)}
            >
              {t('pwaReload')}
            </button>
          )}
          <button type="button" onClick={close}>
            {needRefresh ? t('pwaLater') : t('pwaDismiss')}
          </button>
        </>
      )}
    </div>
  );
}
