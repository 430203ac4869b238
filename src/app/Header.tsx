import type { DetectorInfo } from '../detect/detector.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';
import type { Lang, MessageKey } from '../ui/messages.ts';
import { PrivacyButton } from './PrivacyDialog.tsx';

export function Header({ detector }: { detector: DetectorInfo | null }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="header">
      <div>
        <h1>{t('appTitle')}</h1>
        <p className="muted header__tagline">{t('tagline')}</p>
      </div>
      <div className="header__side">
        <span className="badge" data-testid="backend" data-backend={detector?.backend ?? ''}>
          {t('backend')}: {detector ? backendLine(detector, lang, t) : t('backendLoading')}
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

/** "WASM · SIMD, 2 threads · model" in the chosen language (a WebGPU adapter's name stays as it is). */
function backendLine(detector: DetectorInfo, lang: Lang, t: (key: MessageKey) => string): string {
  const how =
    detector.backend === 'webgpu'
      ? detector.note
      : formatMessage(lang, t(self.crossOriginIsolated ? 'backendThreads' : 'backendNotIsolated'), {
          threads: detector.threads,
        });
  return `${detector.backend.toUpperCase()} · ${how} · ${detector.modelLabel}`;
}
