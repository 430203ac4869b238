/**
 * The workers a job drives, as plain async functions. job.ts takes them as a parameter: the app passes the
 * real workers (`workerClients`), unit tests pass fakes (job.test.ts).
 */
import type { DetectorInfo } from '../detect/detector.ts';
import type { ModelId } from '../detect/models.ts';
import {
  appBaseUrl,
  connectDetectorToMedia,
  detectWorker,
  mediaClient,
  type MediaClient,
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

export const workerClients: JobClients = {
  media: mediaClient,
  detector: {
    init: (model) => detectWorker.api.init({ model, backend: 'auto', baseUrl: appBaseUrl() }),
    preparePlates: () => detectWorker.api.preparePlates(),
    connectMedia: connectDetectorToMedia,
    stop: () => detectWorker.terminate(),
  },
};
