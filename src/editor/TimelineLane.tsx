import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { EditTrack } from '../regions/edits.ts';
import { trackColor } from './colors.ts';
import { trackSegments } from './track-view.ts';

type Props = {
  track: EditTrack;
  frameCount: number;
  selected: boolean;
  /** Off-view lanes (scrolled away in the lanes box) skip their segments: a long project has hundreds. */
  inView: boolean;
  onPick: (trackId: number, frameIndex: number) => void;
};

const percent = (frames: number, frameCount: number) => `${(frames / frameCount) * 100}%`;

/**
 * One track's row: where it is active, coloured by how each frame's box came about. Memoised: edits share
 * untouched tracks, so only the lanes of changed tracks re-render while the playhead moves.
 */
export const TimelineLane = memo(function TimelineLane({
  track,
  frameCount,
  selected,
  inView,
  onPick,
}: Props) {
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const fraction = rect.width > 0 ? (e.clientX - rect.left) / rect.width : 0;
    onPick(track.id, Math.floor(fraction * frameCount));
  };
  return (
    <div
      className={`lane${selected ? ' lane--selected' : ''}${track.keepVisible ? ' lane--visible' : ''}`}
      data-lane={track.id}
    >
      <span className="lane__label">#{track.id}</span>
      <div
        className="lane__bar"
        onClick={pick}
        style={{ '--track-color': trackColor(track.id) } as CSSProperties}
      >
        {(inView ? trackSegments(track) : []).map((s) => (
          <span
            key={s.start}
            className={`lane__seg lane__seg--${s.kind}`}
            style={{
              left: percent(s.start, frameCount),
              width: percent(s.end - s.start + 1, frameCount),
            }}
          />
        ))}
      </div>
    </div>
  );
});
