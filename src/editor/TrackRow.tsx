import type { CSSProperties } from 'react';
import { useI18n } from '../app/i18n.tsx';
import type { EditTrack } from '../regions/edits.ts';
import { trackColor } from './colors.ts';
import { classLabelKey } from './labels.ts';
import { formatTimecode } from './timecode.ts';
import { trackSpan } from './track-view.ts';
import { TrackThumbnail } from './TrackThumbnail.tsx';
import type { Thumbnail } from './use-track-thumbnails.ts';

type Props = {
  track: EditTrack;
  thumbnail: Thumbnail | undefined;
  fps: number;
  selected: boolean;
  onSelect: (trackId: number) => void;
  onGoTo: (frameIndex: number) => void;
  onToggleVisible: (trackId: number) => void;
  onDelete: (trackId: number) => void;
};

/** One region in the list: what it is, when it appears, keep visible, delete. Clicking selects it. */
export function TrackRow({ track, thumbnail, fps, selected, ...on }: Props) {
  const { t } = useI18n();
  const { first, last } = trackSpan(track);
  const swatch = { '--track-color': trackColor(track.id) } as CSSProperties;
  return (
    <li
      className={`tracks__item${selected ? ' tracks__item--selected' : ''}`}
      data-track={track.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => on.onSelect(track.id)}
    >
      <span className="tracks__swatch" style={swatch} aria-hidden="true" />
      <TrackThumbnail thumbnail={thumbnail} />
      <span className="tracks__class">
        {t(classLabelKey(track.class))} <span className="muted">#{track.id}</span>
      </span>
      <button
        type="button"
        className="tracks__time link"
        title={t('editor.goTo')}
        onClick={() => on.onGoTo(first)}
      >
        {formatTimecode(first / fps)}–{formatTimecode((last + 1) / fps)}
      </button>
      <label className="tracks__visible" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={track.keepVisible}
          onChange={() => on.onToggleVisible(track.id)}
        />{' '}
        {t('keepVisible')}
      </label>
      <button
        type="button"
        className="tracks__delete"
        aria-label={`${t('editor.delete')} #${track.id}`}
        title={t('editor.deleteTrack')}
        onClick={(e) => {
          e.stopPropagation();
          on.onDelete(track.id);
        }}
      >
        ✕
      </button>
    </li>
  );
}
