import type { CSSProperties } from 'react';
import { formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';
import type { MessageKey } from '../ui/messages.ts';
import type { Edit } from '../regions/edits.ts';
import { trackColor } from './colors.ts';
import { classLabelKey } from './labels.ts';
import { pointKind, type FrameRegion, type PointKind } from './track-view.ts';

const KIND_LABEL: Record<PointKind, MessageKey> = {
  detected: 'editor.legendDetected',
  low: 'editor.legendLow',
  guessed: 'editor.legendGuessed',
  edited: 'editor.legendEdited',
};

type Props = {
  frameIndex: number;
  regions: FrameRegion[];
  selectedId: number | null;
  readOnly: boolean;
  onSelect: (trackId: number | null) => void;
  onEdit: (edit: Edit) => void;
};

/**
 * The boxes drawn on the canvas for this frame, as a list a screen reader and the keyboard can use:
 * what each is, where, and buttons to select it, remove it from this frame, or keep it visible.
 * Its height is fixed, so stepping through frames never moves what is below it.
 */
export function FrameRegionList({ frameIndex, regions, selectedId, readOnly, ...on }: Props) {
  const { onSelect, onEdit } = on;
  const { t, lang } = useI18n();
  return (
    <section
      className="frame-regions"
      aria-labelledby="frame-regions-title"
      data-testid="frame-regions"
    >
      <h3 id="frame-regions-title" className="tracklist__title">
        {t('editor.frameRegionsTitle')}{' '}
        <span className="muted">({formatNumber(lang, regions.length)})</span>
      </h3>
      <div className="frame-regions__scroll">
        {regions.length === 0 ? (
          <p className="muted">{t('editor.frameRegionsNone')}</p>
        ) : (
          <ul className="frame-regions__list">
            {regions.map(({ track, point }) => {
              const selected = track.id === selectedId;
              const name = `${t(classLabelKey(track.class))} #${track.id}`;
              const swatch = { '--track-color': trackColor(track.id) } as CSSProperties;
              return (
                <li
                  key={track.id}
                  data-track={track.id}
                  className={`frame-regions__item${selected ? ' frame-regions__item--selected' : ''}`}
                >
                  <span className="tracks__swatch" style={swatch} aria-hidden="true" />
                  <span className="frame-regions__name">{name}</span>
                  <span className="muted frame-regions__detail">
                    {t(KIND_LABEL[pointKind(point)])} ·{' '}
                    {formatMessage(lang, t('editor.boxAt'), {
                      x: Math.round(point.box.x),
                      y: Math.round(point.box.y),
                      w: Math.round(point.box.w),
                      h: Math.round(point.box.h),
                    })}
                  </span>
                  <span className="frame-regions__actions">
                    <button
                      type="button"
                      aria-pressed={selected}
                      aria-label={`${t('editor.select')}: ${name}`}
                      onClick={() => onSelect(selected ? null : track.id)}
                      data-testid="frame-region-select"
                    >
                      {t('editor.select')}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('editor.removeHere')}: ${name}`}
                      disabled={readOnly}
                      onClick={() =>
                        onEdit({ op: 'deleteBox', args: { trackId: track.id, frameIndex } })
                      }
                      data-testid="frame-region-remove"
                    >
                      {t('editor.removeHere')}
                    </button>
                    <label>
                      <input
                        type="checkbox"
                        checked={track.keepVisible}
                        aria-label={`${t('keepVisible')}: ${name}`}
                        disabled={readOnly}
                        onChange={() =>
                          onEdit({ op: 'toggleKeepVisible', args: { trackId: track.id } })
                        }
                      />{' '}
                      {t('keepVisible')}
                    </label>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
