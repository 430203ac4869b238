/**
 * The only place that registers the service worker (src/pwa/sw.ts). It never reloads by itself: "Ready to
 * work offline" is a note, and a new version waits until the person chooses "Reload".
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useI18n } from '../ui/i18n.tsx';

export function PwaPrompt() {
  const { t } = useI18n();
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError: (error: unknown) => console.warn('Garim: no offline support', error),
  });
  const close = () => {
    setOfflineReady(false);
    setNeedRefresh(false);
  };
  const shown = offlineReady || needRefresh;
  // One live region that stays in the page, so what appears in it is announced. Not role=status: the page's
  // own status messages keep that role to themselves.
  return (
    <div aria-live="polite" className={shown ? 'pwa-prompt' : undefined} data-testid="pwa-prompt">
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
