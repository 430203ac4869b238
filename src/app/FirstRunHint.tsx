import { useState } from 'react';
import { useI18n } from '../ui/i18n.tsx';

const DISMISSED_KEY = 'garim.firstRunHintDismissed';

/** "How it works" in three steps on the start screen, until the person says they have got it. */
export function FirstRunHint() {
  const { t } = useI18n();
  const [shown, setShown] = useState(() => localStorage.getItem(DISMISSED_KEY) === null);
  if (!shown) return null;
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, '1');
    setShown(false);
  };
  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">{t('firstRunTitle')}</h2>
      <ol>
        <li>{t('firstRunStep1')}</li>
        <li>{t('firstRunStep2')}</li>
        <li>{t('firstRunStep3')}</li>
      </ol>
      <button type="button" onClick={dismiss} data-testid="first-run-dismiss">
        {t('firstRunDismiss')}
      </button>
    </section>
  );
}
