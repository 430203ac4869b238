import type { DetectorInfo } from '../detect/detector.ts';
import { useI18n } from './i18n.tsx';
import type { Lang } from './messages.ts';
import { PrivacyButton } from './PrivacyDialog.tsx';

export function Header({ detector }: { detector: DetectorInfo | null }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="header">
      <div>
        <h1>{t('appTitle')}</h1>
        <p className="muted">{t('tagline')}</p>
      </div>
      <div className="header__side">
        <span className="badge" data-testid="backend" data-backend={detector?.backend ?? ''}>
          {t('backend')}:{' '}
          {detector
            ? `${detector.backend.toUpperCase()} · ${detector.note} · ${detector.modelLabel}`
            : t('backendLoading')}
        </span>
        <label>
          {t('language')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang">
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </label>
        <PrivacyButton />
      </div>
    </header>
  );
}
