import { useMemo, useRef, type CSSProperties } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import type { TrimRange } from '../media/trim.ts';
import type { EditDoc } from '../regions/edits.ts';
import { reviewItems } from './track-view.ts';
import { TimelineLane } from './TimelineLane.tsx';
import { useVisibleRows } from './use-visible-rows.ts';

type Props = {
  doc: EditDoc;
  frameIndex: number;
  selectedId: number | null;
  onSeek: (frameIndex: number) => void;
  onPick: (trackId: number, frameIndex: number) => void;
  /** The part export keeps; the frames outside it are shaded. */
  trim?: TrimRange;
};

const LEGEND = [
  ['detected', 'editor.legendDetected'],
  ['low', 'editor.legendLow'],
  ['guessed', 'editor.legendGuessed'],
  ['edited', 'editor.legendEdited'],
] as const;

/** Scrubber with the playhead, the frames that need a look, and one lane per track. */
export function Timeline({ doc, frameIndex, selectedId, onSeek, onPick, trim }: Props) {
  const { t } = useI18n();
  const count = Math.max(1, doc.frameCount);
  const position = { '--pos': (frameIndex + 0.5) / count } as CSSProperties;
  const marks = useMemo(() => reviewItems(doc), [doc]);
  const lanes = useRef<HTMLDivElement>(null);
  const inView = useVisibleRows(lanes, doc.tracks.map((track) => track.id).join(','), 'lane');
  return (
    <div className="timeline" aria-label={t('editor.timeline')} role="group">
      <input
        type="range"
        className="timeline__scrubber"
        min={0}
        max={count - 1}
        value={frameIndex}
        onChange={(e) => onSeek(Number(e.target.value))}
        aria-label={t('editor.scrubber')}
        data-testid="scrubber"
      />
      <div className="timeline__marks" aria-hidden="true">
        {marks.map((item) => (
          <span
            key={`${item.trackId}-${item.frameIndex}`}
            className="timeline__mark"
            style={{ left: `${((item.frameIndex + 0.5) / count) * 100}%` }}
          />
        ))}
      </div>
      <TrimMarks trim={trim} count={count} />
      {/* Scrolls when there are many regions: focusable, so the keyboard can scroll it too. */}
      <div
        className="timeline__lanes"
        ref={lanes}
        style={position}
        tabIndex={0}
        role="group"
        aria-label={t('editor.timeline')}
      >
        {doc.tracks.map((track) => (
          <TimelineLane
            key={track.id}
            track={track}
            frameCount={count}
            selected={track.id === selectedId}
            inView={inView.has(track.id)}
            onPick={onPick}
          />
        ))}
        <span className="timeline__playhead" aria-hidden="true" />
      </div>
      <ul className="timeline__legend">
        {LEGEND.map(([kind, label]) => (
          <li key={kind}>
            <span className={`lane__swatch lane__seg--${kind}`} /> {t(label)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Shades the frames before the in point and after the out point, with a marker at each. The row is there
 * without a trim too, so setting one moves nothing.
 */
function TrimMarks({ trim, count }: { trim: TrimRange | undefined; count: number }) {
  const { t } = useI18n();
  if (!trim) return <div className="timeline__trim" aria-hidden="true" />;
  const start = (trim.inFrame / count) * 100;
  const end = ((trim.outFrame + 1) / count) * 100;
  return (
    <div className="timeline__trim" aria-hidden="true">
      <span className="timeline__cut" style={{ left: 0, width: `${start}%` }} />
      <span className="timeline__cut" style={{ left: `${end}%`, right: 0 }} />
      <span
        className="timeline__trim-mark timeline__trim-mark--in"
        style={{ left: `${start}%` }}
        title={t('editor.trimIn')}
        data-testid="trim-in-marker"
        data-frame={trim.inFrame}
      />
      <span
        className="timeline__trim-mark timeline__trim-mark--out"
        style={{ left: `${end}%` }}
        title={t('editor.trimOut')}
        data-testid="trim-out-marker"
        data-frame={trim.outFrame}
      />
    </div>
  );
}
