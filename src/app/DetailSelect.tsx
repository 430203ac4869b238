import { DETAIL_MODES, type DetailMode } from '../detect/tiles.ts';
import { useI18n } from '../ui/i18n.tsx';
import type { MessageKey } from '../ui/messages.ts';
import { RadioGroup } from '../ui/RadioGroup.tsx';

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
    <RadioGroup
      legend="detail"
      name="detail"
      options={DETAIL_MODES}
      labels={LABEL}
      value={value}
      onChange={onChange}
      disabled={disabled}
    >
      <p className="muted">{t('detailHint')}</p>
    </RadioGroup>
  );
}
