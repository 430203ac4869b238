import {
  COVER_STYLES,
  DEFAULT_COLOR,
  DEFAULT_STYLE,
  MAX_CELLS_ACROSS,
  MAX_PADDING,
  MIN_CELLS_ACROSS,
  MIN_PADDING,
  PADDING_STEP,
  type RedactionSettings,
} from '../regions/types.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatNumber } from '../ui/format.ts';
import { formatMessage } from '../ui/icu.ts';
import { STYLE_LABEL } from '../ui/style-labels.ts';
import { RadioGroup } from '../ui/RadioGroup.tsx';

type Props = { value: RedactionSettings; onChange: (next: RedactionSettings) => void };

/**
 * How the project's regions are covered: style, strength (mosaic, blur) or colour (solid), and how far
 * each box is grown about its centre before it is covered (every style).
 */
export function CoverStylePanel({ value, onChange }: Props) {
  const { t, lang } = useI18n();
  const style = value.style ?? DEFAULT_STYLE;
  return (
    <section className="cover-style" aria-labelledby="cover-style-title" data-testid="cover-style">
      <h3 id="cover-style-title">{t('style.title')}</h3>
      <RadioGroup
        legend="style.legend"
        name="cover-style"
        options={COVER_STYLES}
        labels={STYLE_LABEL}
        value={style}
        onChange={(next) => onChange({ ...value, style: next })}
      >
        {style === 'blur' && (
          <p className="muted" data-testid="blur-warning">
            {t('style.blurWeaker')}
          </p>
        )}
      </RadioGroup>
      {style === 'solid' ? (
        <label className="option">
          {t('style.color')}{' '}
          <input
            type="color"
            value={value.color ?? DEFAULT_COLOR}
            onChange={(e) => onChange({ ...value, color: e.target.value })}
            data-testid="cover-color"
          />
        </label>
      ) : (
        <label className="option">
          {formatMessage(lang, t('style.strength'), { cells: value.cellsAcross })}{' '}
          <input
            type="range"
            min={MIN_CELLS_ACROSS}
            max={MAX_CELLS_ACROSS}
            step={1}
            value={value.cellsAcross}
            onChange={(e) => onChange({ ...value, cellsAcross: Number(e.target.value) })}
            data-testid="cover-strength"
          />
        </label>
      )}
      <label className="option">
        {formatMessage(lang, t('style.padding'), { factor: formatNumber(lang, value.padding, 1) })}{' '}
        <input
          type="range"
          min={MIN_PADDING}
          max={MAX_PADDING}
          step={PADDING_STEP}
          value={value.padding}
          onChange={(e) => onChange({ ...value, padding: Number(e.target.value) })}
          data-testid="cover-padding"
        />
      </label>
    </section>
  );
}
