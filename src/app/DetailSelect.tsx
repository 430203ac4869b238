import { DETAIL_MODES, type DetailMode } from '../detect/tiles.ts';
import { useI18n } from './i18n.tsx';
import type { MessageKey } from './messages.ts';

const LABEL: Record<DetailMode, MessageKey> = {
  fast: 'detailFast',
  balanced: 'detailBalanced',
  thorough: 'detailThorough',
};

type Props = { value: DetailMode; onChange: (mode: DetailMode) => void; disabled: boolean };

/** Speed vs. small-face recall. */
export function DetailSelect({ value, onChange, disabled }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="detail" disabled={disabled}>
      <legend>{t('detail')}</legend>
      {DETAIL_MODES.map((mode) => (
        <label key={mode}>
          <input
            type="radio"
            name="detail"
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
          />{' '}
          {t(LABEL[mode])}
        </label>
      ))}
      <p className="muted">{t('detailHint')}</p>
    </fieldset>
  );
}
