import { useEffect, useRef } from 'react';
import { useI18n } from '../app/i18n.tsx';
import type { Edit, EditDoc } from '../regions/edits.ts';
import { TrackRow } from './TrackRow.tsx';

type Props = {
  doc: EditDoc;
  fps: number;
  selectedId: number | null;
  onSelect: (trackId: number) => void;
  onGoTo: (frameIndex: number) => void;
  onEdit: (edit: Edit) => void;
};

/** Every track beside the stage, with bulk "keep all faces visible" and "cover everything". */
export function TrackList({ doc, fps, selectedId, onSelect, onGoTo, onEdit }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('.tracks__item--selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="tracklist" aria-labelledby="tracklist-title">
      <h3 id="tracklist-title" className="tracklist__title">
        {t('editor.tracksTitle')} <span className="muted">({doc.tracks.length})</span>
      </h3>
      <div className="tracklist__bulk">
        <button
          type="button"
          onClick={() =>
            onEdit({ op: 'setKeepVisible', args: { class: 'face', keepVisible: true } })
          }
          data-testid="keep-faces"
        >
          {t('editor.keepFaces')}
        </button>
        <button
          type="button"
          onClick={() => onEdit({ op: 'setKeepVisible', args: { keepVisible: false } })}
          data-testid="cover-all"
        >
          {t('editor.coverAll')}
        </button>
      </div>
      {doc.tracks.length === 0 && <p className="muted">{t('reviewNone')}</p>}
      <ul className="tracks" data-testid="tracks" ref={list}>
        {doc.tracks.map((track) => (
          <TrackRow
            key={track.id}
            track={track}
            fps={fps}
            selected={track.id === selectedId}
            onSelect={onSelect}
            onGoTo={onGoTo}
            onToggleVisible={(trackId) => onEdit({ op: 'toggleKeepVisible', args: { trackId } })}
            onDelete={(trackId) => onEdit({ op: 'deleteTrack', args: { trackId } })}
          />
        ))}
      </ul>
    </aside>
  );
}
