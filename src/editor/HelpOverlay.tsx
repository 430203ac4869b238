import { useEffect, useRef } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/**
 * The shortcut list, opened with `?`; Esc or the button closes it. A modal: focus starts on its only
 * control, Tab stays there, and focus goes back to where it was when it closes.
 */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    close.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      className="help-overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      onKeyDown={(e) => {
        if (e.key === 'Tab') {
          e.preventDefault();
          close.current?.focus();
        }
      }}
    >
      <div className="help-overlay__card">
        <h3 id="help-title">{t('editor.help')}</h3>
        <dl className="help-overlay__list">
          {SHORTCUTS.map((s) => (
            <div key={s.action} className="help-overlay__row">
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={onClose} data-testid="help-close">
          {t('editor.close')}
        </button>
      </div>
    </div>
  );
}
