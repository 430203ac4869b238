import { useCallback, useEffect, useRef, useState } from 'react';
import { errorName, isAbortError } from '../lib/errors.ts';
import type { DetectorInfo } from '../detect/detector.ts';
import type { MediaInfo, PreviewFrame, StageProgress } from '../media/types.ts';
import { runJob, type JobOptions, type JobResult, type JobUpdate } from './job.ts';

export type JobView =
  | { phase: 'idle' }
  | { phase: 'working'; progress: Omit<StageProgress, 'preview'>; info?: MediaInfo }
  | { phase: 'done'; result: JobResult }
  | { phase: 'cancelled' }
  | { phase: 'error'; name: string; message: string };

/** Runs one job at a time and exposes its state; `busy` always resets in `finally`. */
export function useJob() {
  const [view, setView] = useState<JobView>({ phase: 'idle' });
  const [detector, setDetector] = useState<DetectorInfo | null>(null);
  const [preview, setPreview] = useState<PreviewFrame | null>(null);
  const controller = useRef<AbortController | null>(null);

  const onUpdate = useCallback((update: JobUpdate) => {
    if (update.kind === 'detector') setDetector(update.detector);
    if (update.kind === 'preview') setPreview((old) => (old?.bitmap.close(), update.preview));
    if (update.kind === 'info') {
      setView((v) => (v.phase === 'working' ? { ...v, info: update.info } : v));
    }
    if (update.kind === 'progress') {
      setView((v) => ({
        phase: 'working',
        progress: update.progress,
        info: v.phase === 'working' ? v.info : undefined,
      }));
    }
  }, []);

  const start = useCallback(
    async (file: File, options: JobOptions) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      setPreview(null);
      setView({ phase: 'working', progress: { stage: 'probe', done: 0, total: 1, rate: 0 } });
      try {
        const result = await runJob(file, options, abort.signal, onUpdate);
        setView({ phase: 'done', result });
      } catch (error) {
        if (abort.signal.aborted || isAbortError(error)) setView({ phase: 'cancelled' });
        else {
          setView({
            phase: 'error',
            name: errorName(error),
            message: String((error as Error)?.message ?? error),
          });
        }
      } finally {
        controller.current = null;
      }
    },
    [onUpdate],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setView({ phase: 'idle' }), []);

  useEffect(() => () => controller.current?.abort(), []);

  return { view, detector, preview, start, cancel, reset, setDetector };
}
