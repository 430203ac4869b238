import { useI18n } from '../app/i18n.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** The shortcut list, opened with `?`; Esc or the button closes it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div className="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
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
        <button type="button" onClick={onClose} autoFocus data-testid="help-close">
          {t('editor.close')}
        </button>
      </div>
    </div>
  );
}
