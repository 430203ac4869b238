import { useState } from 'react';
import type { Track } from '../regions/tracker.ts';
import type { Analysis } from './job.ts';
import { useI18n } from './i18n.tsx';
import { formatDuration } from './messages.ts';

type Props = { analysis: Analysis; onExport: (tracks: Track[]) => void };

function span(track: Track): [number, number] {
  const frames = track.points.map((p) => p.frameIndex);
  return [Math.min(...frames), Math.max(...frames)];
}

/** The review step: every track found, with a "keep visible" switch, then export. */
export function ReviewPanel({ analysis, onExport }: Props) {
  const { t, lang } = useI18n();
  const [tracks, setTracks] = useState<Track[]>(analysis.tracks);
  const fps = analysis.info.averageFps || 30;
  const toggle = (id: number) =>
    setTracks((all) =>
      all.map((tr) => (tr.id === id ? { ...tr, keepVisible: !tr.keepVisible } : tr)),
    );

  return (
    <section className="review" aria-labelledby="review-title">
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <p className="muted">{t('reviewHint')}</p>
      <button
        type="button"
        className="button--primary"
        onClick={() => onExport(tracks)}
        data-testid="export"
      >
        {t('exportButton')}
      </button>
      {tracks.length === 0 && <p>{t('reviewNone')}</p>}
      <ul className="tracks" data-testid="tracks">
        {tracks.map((track) => {
          const [first, last] = span(track);
          return (
            <li key={track.id} className="tracks__item" data-track={track.id}>
              <span className="tracks__class">
                {t(track.class === 'face' ? 'classFace' : 'classPlate')}
              </span>
              <span className="tracks__time">
                #{track.id} · {formatDuration(lang, first / fps)}–{formatDuration(lang, last / fps)}
              </span>
              <label>
                <input
                  type="checkbox"
                  checked={!!track.keepVisible}
                  onChange={() => toggle(track.id)}
                />{' '}
                {t('keepVisible')}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
