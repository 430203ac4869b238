/**
 * The only place that creates Workers: a pair of a detect worker and a media worker (behind its client,
 * media-client.ts) that call each other directly. The app's pair serves the job on screen and the editor;
 * the queue of videos waiting for analysis gets a pair of its own (`workerPair()`), so that analysing one
 * video in the background never disturbs the one being reviewed. The detect worker is terminated on cancel:
 * only termination stops a model mid-run.
 */
import * as Comlink from 'comlink';
import { WorkerBridge } from './bridge.ts';
import type { DetectWorkerApi } from './detect.worker.ts';
import { MediaClient, mediaClient } from './media-client.ts';

export { appBaseUrl, mediaClient, type MediaClient } from './media-client.ts';

export type WorkerPair = {
  media: MediaClient;
  detect: WorkerBridge<DetectWorkerApi>;
  /** A fresh channel whose ends let the media worker call the detect worker directly. */
  connect(): Promise<MessagePort>;
  /** Ends both workers now (the next call starts them again). */
  terminate(): void;
};

function detectWorkerBridge(): WorkerBridge<DetectWorkerApi> {
  return new WorkerBridge<DetectWorkerApi>(
    () =>
      new Worker(new URL('./detect.worker.ts', import.meta.url), {
        type: 'module',
        name: 'detect',
      }),
  );
}

/** A detect worker and `media` (a new media worker's client unless given), started on first use. */
export function workerPair(media: MediaClient = new MediaClient()): WorkerPair {
  const detect = detectWorkerBridge();
  return {
    media,
    detect,
    async connect() {
      const channel = new MessageChannel();
      await detect.api.connect(Comlink.transfer(channel.port1, [channel.port1]));
      return channel.port2;
    },
    terminate() {
      media.terminate();
      detect.terminate();
    },
  };
}

/** The app's own pair: the job on screen, the editor and the result screen. */
export const appWorkers = workerPair(mediaClient);
export const detectWorker = appWorkers.detect;
