import { useCallback, useRef, useState } from 'react';
import type { MessageKey } from '../ui/messages.ts';
import type { FollowResult, FollowStop } from '../media/follow-region.ts';
import { pointAt, type EditDoc, type EditResult, type Edit } from '../regions/edits.ts';
import type { FrameRegions } from '../regions/types.ts';
import { mediaClient } from '../workers/clients.ts';
import { followFrames, type FollowDirection } from './follow-frames.ts';
export type FollowProgress = { direction: FollowDirection; done: number; total: number };
/** The last run's outcome, for the status line: how many frames were followed and why it stopped. */
export type FollowOutcome = { frames: number; stop: FollowStop | 'failed'; stoppedAt?: number };

type Source = { file: File; frames: readonly FrameRegions[]; fps: number };

const STOP_MESSAGES: Record<FollowOutcome['stop'], MessageKey> = {
  failed: 'editor.followFailed',
  end: 'editor.followEnd',
  lost: 'editor.followLost',
  left: 'editor.followLeft',
  cancelled: 'editor.followCancelled',
  flat: 'editor.followFlat',
};

export function followStopMessage(stop: FollowOutcome['stop']): MessageKey {
  return STOP_MESSAGES[stop];
}

/**
 * "Track forward/backward" for the selected drawn region: the media worker follows it with the visual
 * tracker; the boxes found become the track's 'tracked' points (one undoable edit). Cancel keeps what was
 * found so far. Busy state is reset in `finally`.
 */
export function useFollowRegion(
  source: Source,
  doc: EditDoc,
  dispatch: (edit: Edit) => EditResult,
) {
  const [progress, setProgress] = useState<FollowProgress | null>(null);
  const [outcome, setOutcome] = useState<FollowOutcome | null>(null);
  /** The running follow's stop: aborting it keeps the boxes found so far. */
  const running = useRef<AbortController | null>(null);

  const start = useCallback(
    async (trackId: number, frameIndex: number, direction: FollowDirection) => {
      const track = doc.tracks.find((t) => t.id === trackId);
      const point = track && pointAt(track, frameIndex);
      if (running.current || !point || track.class !== 'manual') return;
      const frames = followFrames(doc, trackId, frameIndex, direction, source);
      if (frames.length < 2) return;
      const stop = new AbortController();
      running.current = stop;
      setOutcome(null);
      setProgress({ direction, done: 0, total: frames.length - 1 });
      try {
        const onProgress = (done: number, total: number) => setProgress({ direction, done, total });
        const result: FollowResult = await mediaClient.followRegion(
          source.file,
          { box: point.box, frames },
          { signal: stop.signal, onProgress },
        );
        if (result.boxes.length > 0) {
          dispatch({ op: 'setTrackedBoxes', args: { trackId, boxes: result.boxes } });
        }
        setOutcome({ frames: result.boxes.length, stop: result.stop, stoppedAt: result.stoppedAt });
      } catch (error) {
        console.error('Visual tracking failed', error);
        setOutcome({ frames: 0, stop: 'failed' });
      } finally {
        running.current = null;
        setProgress(null);
      }
    },
    [doc, source, dispatch],
  );

  const cancel = useCallback(() => {
    running.current?.abort();
  }, []);

  return { progress, outcome, start, cancel, clearOutcome: () => setOutcome(null) };
}

export type FollowState = ReturnType<typeof useFollowRegion>;
