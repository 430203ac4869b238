import { useCallback, useEffect, useRef, useState } from 'react';
import { safeFps } from './frame-time.ts';

type PlaybackOptions = {
  frameIndex: number;
  frameCount: number;
  fps: number;
  seek: (frameIndex: number) => void;
  /** True while the previous frame is still being decoded: playback then skips ahead instead of queueing. */
  isBusy: () => boolean;
};

/**
 * Play/pause at the video's rate. The clock runs in real time; the playhead jumps to the clock's frame
 * whenever the decoder is free, so a slow decoder drops frames instead of drifting behind.
 */
export function usePlayback({ frameIndex, frameCount, fps, seek, isBusy }: PlaybackOptions) {
  const [playing, setPlaying] = useState(false);
  const frame = useRef(frameIndex);
  useEffect(() => {
    frame.current = frameIndex;
  }, [frameIndex]);

  useEffect(() => {
    if (!playing) return;
    const rate = safeFps(fps);
    const startMs = performance.now();
    const startFrame = frame.current;
    let handle = 0;
    const tick = (nowMs: number) => {
      const due = Math.min(
        frameCount - 1,
        startFrame + Math.floor(((nowMs - startMs) * rate) / 1000),
      );
      if (due > frame.current && !isBusy()) seek(due);
      if (frame.current >= frameCount - 1) {
        setPlaying(false);
        return;
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, fps, frameCount, seek, isBusy]);

  const togglePlay = useCallback(() => {
    if (playing) {
      setPlaying(false);
      return;
    }
    if (frame.current >= frameCount - 1) {
      frame.current = 0;
      seek(0);
    }
    setPlaying(true);
  }, [playing, frameCount, seek]);

  const pause = useCallback(() => setPlaying(false), []);
  return { playing, togglePlay, pause };
}
