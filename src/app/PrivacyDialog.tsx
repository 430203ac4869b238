import { useRef, useState } from 'react';
import { clearOfflineCopies } from '../pwa/clear.ts';
import { deleteGarimDb } from '../job/library.ts';
import { useI18n } from '../ui/i18n.tsx';

/** Settings live in localStorage under this prefix (language, detail mode, …). */
const SETTINGS_PREFIX = 'garim.';

/** Everything Garim keeps on this device: the database, its settings and the service worker's copies. */
async function clearEverything(onBlocked: () => void): Promise<void> {
  await deleteGarimDb(onBlocked);
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(SETTINGS_PREFIX)) localStorage.removeItem(key);
  }
  await clearOfflineCopies();
}

/**
 * "About privacy": what is stored where, and one button that deletes all of it. A native modal <dialog>:
 * it keeps focus inside, Esc closes it, and focus returns to the button that opened it.
 */
export function PrivacyButton() {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState<'' | 'clearing' | 'blocked' | 'failed'>('');

  const clear = () => {
    if (!window.confirm(t('privacyClearConfirm'))) return;
    setStatus('clearing');
    clearEverything(() => setStatus('blocked')).then(
      () => window.location.reload(),
      (error: unknown) => {
        console.error('Garim: could not clear the stored data', error);
        setStatus('failed');
      },
    );
  };

  return (
    <>
      <button
        type="button"
        className="button--link"
        onClick={() => {
          dialog.current?.showModal();
          // The safe choice first (React's autoFocus does not reach a dialog opened later).
          closeButton.current?.focus();
        }}
        data-testid="privacy-open"
      >
        {t('privacyOpen')}
      </button>
      <dialog
        ref={dialog}
        className="privacy"
        aria-labelledby="privacy-title"
        data-testid="privacy-dialog"
      >
        <h2 id="privacy-title">{t('privacyTitle')}</h2>
        <p>{t('privacyIntro')}</p>
        <ul>
          <li>{t('privacyProjects')}</li>
          <li>{t('privacySettings')}</li>
          <li>{t('privacyOffline')}</li>
        </ul>
        <p>{t('privacyClearHint')}</p>
        <p aria-live="polite" className="privacy__status">
          {status === 'clearing' && t('privacyClearing')}
          {status === 'blocked' && t('privacyBlocked')}
          {status === 'failed' && t('privacyFailed')}
        </p>
        <div className="privacy__actions">
          <button
            type="button"
            className="button--danger"
            onClick={clear}
            disabled={status === 'clearing'}
            data-testid="privacy-clear"
          >
            {t('privacyClear')}
          </button>
          <button
            type="button"
            ref={closeButton}
            onClick={() => dialog.current?.close()}
            data-testid="privacy-close"
          >
            {t('editor.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
