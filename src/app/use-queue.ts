import { useCallback, useEffect, useRef, useState } from 'react';
import { errorName, isAbortError } from '../lib/errors.ts';
import { backgroundClients } from '../job/clients.ts';
import { runAnalysis, type ConfirmShortfall, type JobUpdate } from '../job/job.ts';
import type { JobOptions } from '../job/options.ts';
import { WatchedJob } from '../job/watchdog.ts';

/**
 * One video of a batch: `waiting` its turn, `analysing` in the background, `ready` to review (its stored
 * project), `failed` (an error's name), or `cancelled` (what was analysed stays stored: the project list
 * resumes it).
 */
export type QueueItem = {
  key: number;
  file: File;
  options: JobOptions;
  state: 'waiting' | 'analysing' | 'ready' | 'failed' | 'cancelled';
  /** The analysis's progress in frames, and its rate (frames per second). */
  progress?: { done: number; total: number; rate: number };
  projectId?: string;
  error?: string;
};

type Running = {
  key: number;
  job: WatchedJob;
  projectId?: string;
  settled?: Promise<void>;
};

type QueueContext = {
  /** True while the screen runs a job of its own: the next video waits (two analyses halve each other). */
  paused: boolean;
  confirmShortfall?: ConfirmShortfall;
};

const isPending = (item: QueueItem): boolean =>
  item.state === 'waiting' || item.state === 'analysing';

let nextKey = 1;

/**
 * Videos analysed one after another in the background, each into its own stored project, while the person
 * reviews another: the queue has workers of its own (job/clients.ts `backgroundClients`), started with its
 * first video and ended when nothing is left to analyse. Every analysis can be cancelled; its busy state
 * resets in `finally`.
 */
export function useAnalysisQueue({ paused, confirmShortfall }: QueueContext) {
  const [items, setItems] = useState<QueueItem[]>([]);
  /** The video whose analysis ended last, as it ended (what a screen reader is told). */
  const [lastSettled, setLastSettled] = useState<QueueItem | null>(null);
  const running = useRef<Running | null>(null);
  const clients = useRef<ReturnType<typeof backgroundClients> | null>(null);

  const patch = useCallback((key: number, change: Partial<QueueItem>) => {
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const analyse = useCallback(
    (item: QueueItem) => {
      const job = new WatchedJob();
      const entry: Running = { key: item.key, job };
      const onUpdate = (update: JobUpdate) => {
        job.feed();
        if (job.signal.aborted) return;
        if (update.kind === 'project') {
          entry.projectId = update.id;
          patch(item.key, { projectId: update.id });
        }
        if (update.kind === 'progress' && update.progress.stage === 'analyse') {
          const { done, total, rate } = update.progress;
          patch(item.key, { progress: { done, total, rate } });
        }
      };
      const outcome = (error: unknown): Partial<QueueItem> => {
        if (job.stalled) return { state: 'failed', error: errorName(job.signal.reason) };
        if (job.signal.aborted || isAbortError(error)) return { state: 'cancelled' };
        return { state: 'failed', error: errorName(error) };
      };
      // Ends the run before its item changes, so that the change starts the next video.
      const settle = (change: Partial<QueueItem>) => {
        job.stop();
        running.current = null;
        patch(item.key, change);
        setLastSettled({ ...item, ...change });
      };
      clients.current ??= backgroundClients();
      running.current = entry;
      patch(item.key, { state: 'analysing' });
      entry.settled = runAnalysis(item.file, item.options, job.signal, onUpdate, {
        clients: clients.current,
        confirmShortfall,
      }).then(
        (analysis) => settle({ state: 'ready', projectId: analysis.project?.id }),
        (error: unknown) => settle(outcome(error)),
      );
    },
    [patch, confirmShortfall],
  );

  // The next waiting video starts when none is analysing and the screen runs no job of its own; the
  // workers end when nothing is left to analyse.
  useEffect(() => {
    if (running.current) return;
    const next = items.find((item) => item.state === 'waiting');
    if (next && !paused) analyse(next);
    if (!next && clients.current) {
      clients.current.dispose();
      clients.current = null;
    }
  }, [items, paused, analyse]);

  useEffect(() => () => running.current?.job.cancel(), []);

  const add = useCallback((files: readonly File[], options: JobOptions) => {
    const added = files.map((file): QueueItem => ({
      key: nextKey++,
      file,
      options,
      state: 'waiting',
    }));
    setItems((all) => [...all, ...added]);
  }, []);

  /** Stops the video being analysed (what was analysed stays stored: the project list resumes it). */
  const stop = useCallback((key: number) => {
    if (running.current?.key === key) running.current.job.cancel();
  }, []);

  /** Takes a video that is not being analysed off the list (a stored project stays stored). */
  const remove = useCallback((key: number) => {
    setItems((all) => all.filter((item) => item.key !== key || item.state === 'analysing'));
  }, []);

  /**
   * The screen opens `projectId`: when the queue is analysing it, that analysis stops first (the screen
   * continues it from the stored frames, with its own progress), and it leaves the queue.
   */
  const handOver = useCallback(async (projectId: string) => {
    const current = running.current;
    if (current?.projectId !== projectId) return;
    current.job.cancel();
    await current.settled;
    setItems((all) => all.filter((i) => i.key !== current.key));
  }, []);

  return { items, lastSettled, add, stop, remove, handOver, busy: items.some(isPending) };
}
