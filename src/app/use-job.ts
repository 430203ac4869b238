import { useCallback, useEffect, useRef, useState } from 'react';
import { errorName, isAbortError } from '../lib/errors.ts';
import type { DetectorInfo } from '../detect/detector.ts';
import type { MediaInfo, PreviewFrame, StageProgress } from '../media/types.ts';
import type { Track } from '../regions/tracker.ts';
import {
  reopenProject,
  runAnalysis,
  runExport,
  type Analysis,
  type ConfirmShortfall,
  type JobResult,
  type JobUpdate,
} from '../job/job.ts';
import type { JobOptions } from '../job/options.ts';
import type { JobPlan } from '../job/job-plan.ts';
import type { OutputOptions } from '../media/output-options.ts';
import { WatchedJob } from '../job/watchdog.ts';

export type JobView =
  | { phase: 'idle' }
  | { phase: 'working'; progress: ShownProgress; info?: MediaInfo; plan?: JobPlan }
  | { phase: 'review'; analysis: Analysis }
  | { phase: 'done'; result: JobResult; analysis: Analysis }
  | { phase: 'cancelled' }
  | { phase: 'error'; name: string; message: string; plan?: JobPlan };

const STARTING: JobView = {
  phase: 'working',
  progress: { stage: 'probe', done: 0, total: 1, rate: 0 },
};

/** A stage's progress as shown: with how long the browser has held every decoder up, while it does. */
export type ShownProgress = Omit<StageProgress, 'preview'> & { waitingMs?: number };

/** The error view; `plan` (what the job was going to cost) is shown with it when known. */
function failure(error: unknown, plan?: JobPlan): JobView {
  return {
    phase: 'error',
    name: errorName(error),
    message: String((error as Error)?.message ?? error),
    ...(plan ? { plan } : {}),
  };
}

/** Runs one job phase at a time and exposes its state; the busy flag always resets in `finally`. */
export function useJob() {
  const [view, setView] = useState<JobView>({ phase: 'idle' });
  const [detector, setDetector] = useState<DetectorInfo | null>(null);
  const [preview, setPreview] = useState<PreviewFrame | null>(null);
  const controller = useRef<WatchedJob | null>(null);

  const onUpdate = useCallback((update: JobUpdate) => {
    if (update.kind === 'detector') setDetector(update.detector);
    if (update.kind === 'preview') setPreview((old) => (old?.bitmap.close(), update.preview));
    if (update.kind === 'plan') {
      setView((v) => (v.phase === 'working' ? { ...v, plan: update.plan } : v));
    }
    if (update.kind === 'info') {
      setView((v) => (v.phase === 'working' ? { ...v, info: update.info } : v));
    }
    // A heartbeat with a wait shows it where the stage stands; the next progress comes without it.
    if (update.kind === 'alive' && update.waitingMs !== undefined) {
      const { waitingMs } = update;
      setView((v) =>
        v.phase === 'working' ? { ...v, progress: { ...v.progress, waitingMs } } : v,
      );
    }
    if (update.kind === 'progress') {
      setView((v) => ({
        phase: 'working',
        progress: update.progress,
        info: v.phase === 'working' ? v.info : undefined,
        plan: v.phase === 'working' ? v.plan : undefined,
      }));
    }
  }, []);

  /**
   * Runs `work` as the one busy job; `onCancel` says which view a cancel returns to. Updates that arrive
   * after a cancel (progress already on its way from a terminated worker) are dropped, so they cannot bring
   * a cancelled job back to "working".
   */
  const run = useCallback(
    async (
      work: (signal: AbortSignal, update: typeof onUpdate) => Promise<JobView>,
      onCancel: JobView,
    ) => {
      if (controller.current) return;
      // A stall aborts with a StalledError: the project's writer takes it for no cancel ('failed', retry).
      const job = new WatchedJob();
      controller.current = job;
      let settled = false;
      let plan: JobPlan | undefined;
      const update = (u: JobUpdate) => {
        job.feed();
        if (u.kind === 'plan') plan = u.plan;
        if (!settled && !job.signal.aborted) onUpdate(u);
      };
      setPreview(null);
      setView(STARTING);
      try {
        setView(await work(job.signal, update));
      } catch (error) {
        if (job.stalled) setView(failure(job.signal.reason));
        else setView(job.signal.aborted || isAbortError(error) ? onCancel : failure(error, plan));
      } finally {
        job.stop();
        settled = true;
        controller.current = null;
      }
    },
    [onUpdate],
  );

  const start = useCallback(
    (file: File, options: JobOptions, confirmShortfall?: ConfirmShortfall) =>
      run(
        async (signal, update) => ({
          phase: 'review',
          analysis: await runAnalysis(file, options, signal, update, { confirmShortfall }),
        }),
        { phase: 'cancelled' },
      ),
    [run],
  );

  const exportTracks = useCallback(
    (analysis: Analysis, tracks: Track[], output?: OutputOptions) =>
      run(
        async (signal, update) => ({
          phase: 'done',
          analysis,
          result: await runExport(analysis, tracks, signal, update, { output }),
        }),
        { phase: 'review', analysis: { ...analysis, tracks } },
      ),
    [run],
  );

  const openProject = useCallback(
    (id: string) =>
      run(
        async (signal, update) => ({
          phase: 'review',
          analysis: await reopenProject(id, signal, update),
        }),
        {
          phase: 'cancelled',
        },
      ),
    [run],
  );

  const cancel = useCallback(() => controller.current?.cancel(), []);
  const reset = useCallback(() => setView({ phase: 'idle' }), []);
  const review = useCallback((analysis: Analysis) => setView({ phase: 'review', analysis }), []);

  useEffect(() => () => controller.current?.cancel(), []);

  return {
    view,
    detector,
    preview,
    start,
    exportTracks,
    openProject,
    cancel,
    reset,
    review,
    setDetector,
  };
}
