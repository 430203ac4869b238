import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import type { Edit, EditDoc } from '../regions/edits.ts';
import { COVER_STYLES, type CoverStyle, type RegionClass } from '../regions/types.ts';
import { STYLE_LABEL } from '../ui/style-labels.ts';
import type { Selection } from './selection.ts';
import { classLabelKey } from './labels.ts';
import { TrackRow } from './TrackRow.tsx';
import { useTrackThumbnails, type ThumbnailSource } from './use-track-thumbnails.ts';
import { useVisibleRows } from './use-visible-rows.ts';

type Props = {
  doc: EditDoc;
  /** The rows' pictures: where from, and whether to make them yet (the stage has its frame, or gave up). */
  thumbnailSource: ThumbnailSource;
  thumbnailsReady: boolean;
  fps: number;
  /** The selected tracks (checked rows) and the one the stage shows selected. */
  selection: Selection;
  /** Open for editing in another tab: keep visible, delete and the bulk switches are off here. */
  readOnly: boolean;
  onSelect: (trackId: number) => void;
  /** Ctrl/⌘+click or a row's checkbox: in or out of the selection. */
  onToggleSelect: (trackId: number) => void;
  /** Shift+click: the rows from the last one clicked to this one, in list order. */
  onSelectRange: (trackId: number, order: readonly number[]) => void;
  onGoTo: (frameIndex: number) => void;
  onEdit: (edit: Edit) => void;
};

const CLASSES: readonly RegionClass[] = ['face', 'plate', 'manual'];

type TrackStyleProps = {
  doc: EditDoc;
  trackId: number | null;
  readOnly: boolean;
  onEdit: (edit: Edit) => void;
};

/** The selected track's own cover style: as the project (the default), or an exception. */
function TrackStyle({ doc, trackId, readOnly, onEdit }: TrackStyleProps) {
  const { t } = useI18n();
  const track = trackId === null ? undefined : doc.tracks.find((x) => x.id === trackId);
  return (
    <label className="tracklist__style">
      {t('style.track')}{' '}
      <select
        value={track?.style ?? ''}
        disabled={readOnly || !track}
        onChange={(e) =>
          track &&
          onEdit({
            op: 'setTrackStyle',
            args: { trackId: track.id, style: (e.target.value || null) as CoverStyle | null },
          })
        }
        data-testid="track-style"
      >
        <option value="">{t('style.projectDefault')}</option>
        {COVER_STYLES.map((style) => (
          <option key={style} value={style}>
            {t(STYLE_LABEL[style])}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every track beside the stage, with bulk "keep visible" / "cover" for all regions or one class. */
export function TrackList({ doc, fps, selection, readOnly, onGoTo, onEdit, ...props }: Props) {
  const { t } = useI18n();
  const [bulkClass, setBulkClass] = useState<RegionClass | 'all'>('all');
  const bulk = (keepVisible: boolean) =>
    onEdit({
      op: 'setKeepVisible',
      args: bulkClass === 'all' ? { keepVisible } : { class: bulkClass, keepVisible },
    });
  const list = useRef<HTMLUListElement>(null);
  const visible = useVisibleRows(list, doc.tracks.map((track) => track.id).join(','));
  const thumbnails = useTrackThumbnails(doc, props.thumbnailSource, visible, props.thumbnailsReady);
  const selectedId = selection.primary;
  useEffect(() => {
    list.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  const order = doc.tracks.map((track) => track.id);
  const clicked = (trackId: number, how: { toggle: boolean; range: boolean }) => {
    if (how.range) props.onSelectRange(trackId, order);
    else if (how.toggle) props.onToggleSelect(trackId);
    else props.onSelect(trackId);
  };

  return (
    <aside className="tracklist" aria-labelledby="tracklist-title">
      <h3 id="tracklist-title" className="tracklist__title">
        {t('editor.tracksTitle')} <span className="muted">({doc.tracks.length})</span>
      </h3>
      <div className="tracklist__bulk">
        <select
          aria-label={t('editor.bulkClass')}
          value={bulkClass}
          onChange={(e) => setBulkClass(e.target.value as RegionClass | 'all')}
          data-testid="bulk-class"
        >
          <option value="all">{t('editor.bulkAll')}</option>
          {CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(classLabelKey(c))}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => bulk(true)}
          disabled={readOnly}
          data-testid="keep-visible-bulk"
        >
          {t('editor.keepAll')}
        </button>
        <button
          type="button"
          onClick={() => bulk(false)}
          disabled={readOnly}
          data-testid="cover-bulk"
        >
          {t('editor.coverAllOfClass')}
        </button>
      </div>
      <TrackStyle doc={doc} trackId={selectedId} readOnly={readOnly} onEdit={onEdit} />
      {doc.tracks.length === 0 && <p className="muted">{t('reviewNone')}</p>}
      <ul className="tracks" data-testid="tracks" ref={list}>
        {doc.tracks.map((track) => (
          <TrackRow
            key={track.id}
            track={track}
            thumbnail={thumbnails.get(track.id)}
            fps={fps}
            selected={track.id === selectedId}
            inSelection={selection.ids.includes(track.id)}
            readOnly={readOnly}
            onClicked={clicked}
            onToggleSelect={props.onToggleSelect}
            onGoTo={onGoTo}
            onToggleVisible={(trackId) => onEdit({ op: 'toggleKeepVisible', args: { trackId } })}
            onDelete={(trackId) => onEdit({ op: 'deleteTrack', args: { trackId } })}
          />
        ))}
      </ul>
    </aside>
  );
}
