/**
 * The workers a job drives, as plain async functions. job.ts takes them as a parameter: the app passes the
 * real workers (`workerClients`), unit tests pass fakes (job.test.ts).
 */
import type { DetectorInfo } from '../detect/detector.ts';
import type { ModelId } from '../detect/models.ts';
import {
  appBaseUrl,
  appWorkers,
  workerPair,
  type MediaClient,
  type WorkerPair,
} from '../workers/clients.ts';
export type JobClients = {
  media: Pick<
    MediaClient,
    'open' | 'ensureOpen' | 'analyse' | 'repair' | 'selfCheck' | 'exportVideo'
  >;
  detector: {
    init(model: ModelId): Promise<DetectorInfo>;
    /** Loads the text model (plates and signs) ahead of the first frame. */
    preparePlates(): Promise<void>;
    /** A port on which the media worker calls the detector directly. */
    connectMedia(): Promise<MessagePort>;
    /** Ends it now (a cancel: only termination stops a model mid-run); the next call starts it again. */
    stop(): void;
  };
};

/** A job's clients over a pair of workers. */
function clientsOf(pair: WorkerPair): JobClients {
  return {
    media: pair.media,
    detector: {
      init: (model) => pair.detect.api.init({ model, backend: 'auto', baseUrl: appBaseUrl() }),
      preparePlates: () => pair.detect.api.preparePlates(),
      connectMedia: () => pair.connect(),
      stop: () => pair.detect.terminate(),
    },
  };
}

/** The app's workers: the job on screen (and the editor, which shares the media worker). */
export const workerClients: JobClients = clientsOf(appWorkers);

/**
 * Workers of their own for analyses queued in the background (app/use-queue.ts), so that they never
 * disturb the video on screen; `dispose` ends them when the queue is empty (their memory back).
 */
export function backgroundClients(): JobClients & { dispose(): void } {
  const pair = workerPair();
  return { ...clientsOf(pair), dispose: () => pair.terminate() };
}
