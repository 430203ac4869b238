import type { CSSProperties } from 'react';
import { useI18n } from '../ui/i18n.tsx';
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
  /** The track the stage shows selected. */
  selected: boolean;
  /** One of the selected tracks (what M merges). */
  inSelection: boolean;
  readOnly: boolean;
  onClicked: (trackId: number, how: { toggle: boolean; range: boolean }) => void;
  onToggleSelect: (trackId: number) => void;
  onGoTo: (frameIndex: number) => void;
  onToggleVisible: (trackId: number) => void;
  onDelete: (trackId: number) => void;
};

/**
 * One region in the list: whether it is selected, what it is, when it appears, keep visible, delete.
 * Clicking selects it alone; Ctrl/⌘+click or its checkbox adds it to the selection; Shift+click a range.
 */
export function TrackRow({ track, thumbnail, fps, selected, inSelection, readOnly, ...on }: Props) {
  const { t } = useI18n();
  const { first, last } = trackSpan(track);
  const swatch = { '--track-color': trackColor(track.id) } as CSSProperties;
  return (
    <li
      className={`tracks__item${inSelection ? ' tracks__item--selected' : ''}`}
      data-track={track.id}
      data-in-selection={inSelection}
      aria-current={selected ? 'true' : undefined}
      onClick={(e) => on.onClicked(track.id, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
    >
      <button
        type="button"
        className="tracks__pick"
        aria-pressed={inSelection}
        aria-label={`${t('editor.selectRegion')}: ${t(classLabelKey(track.class))} #${track.id}`}
        title={t('editor.selectRegionHint')}
        onClick={(e) => {
          e.stopPropagation();
          on.onToggleSelect(track.id);
        }}
        data-testid="track-pick"
      >
        <span aria-hidden="true">{inSelection ? '☑' : '☐'}</span>
      </button>
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
          disabled={readOnly}
          onChange={() => on.onToggleVisible(track.id)}
        />{' '}
        {t('keepVisible')}
      </label>
      <button
        type="button"
        className="tracks__delete"
        aria-label={`${t('editor.delete')} #${track.id}`}
        title={t('editor.deleteTrack')}
        disabled={readOnly}
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
