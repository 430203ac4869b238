/**
 * The one client of the media worker (the job, the editor and the result screen all go through it). It owns
 * the opened source and the app's base URL, opens the source again when the worker lost it (restarted
 * after a cancel or a crash), wraps progress callbacks and transfers, and takes an AbortSignal per call.
 *
 * Cancelling a pass (open, analyse, check, export) asks the worker to stop (its own AbortController: the
 * signal checks in src/media/ run, decoders and the output file are closed in their `finally`) and detaches
 * it at once, so the next call starts a fresh worker; the old one is terminated when it has stopped, or
 * after CANCEL_GRACE_MS if wasm or a codec does not come back.
 */
import * as Comlink from 'comlink';
import { abortable } from '../lib/abort.ts';
import {
  isHeartbeat,
  type Heartbeat,
  type PassReport,
  type RepairKind,
  type RepairReport,
  type StageProgress,
} from '../media/types.ts';
import { WorkerBridge, type RunningWorker } from './bridge.ts';
import type { MediaWorkerApi } from './media.worker.ts';

type Api = MediaWorkerApi;
type Progress = (progress: StageProgress) => void;
type Source = File | Blob;

/** How long a cancelled pass may take to stop before its worker is terminated. */
export const CANCEL_GRACE_MS = 2_000;

/** Where the app is served from (models, wasm and workers are fetched relative to it). */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

export type PassOptions = {
  signal?: AbortSignal;
  onProgress?: Progress;
  /** The pass's heartbeat (with how long it has waited on held-up decoders, while it does). */
  onAlive?: (beat: Heartbeat) => void;
};

/** One callback for the worker: its progress to `onProgress`, its heartbeats to `onAlive`. */
function reportsOf({ onProgress, onAlive }: PassOptions) {
  return Comlink.proxy((report: PassReport): void => {
    if (isHeartbeat(report)) onAlive?.(report);
    else onProgress?.(report);
  });
}

export type AnalyseCall = {
  detectPort: MessagePort;
  request: Parameters<Api['analyse']>[1];
  resume?: Parameters<Api['analyse']>[3];
  onFrames?: NonNullable<Parameters<Api['analyse']>[4]>;
};

export type ExportCall = {
  frames: Parameters<Api['exportVideo']>[0];
  settings: Parameters<Api['exportVideo']>[1];
  output?: Parameters<Api['exportVideo']>[3];
  outputName?: string;
};

export type CheckCall = {
  output: Blob;
  detectPort: MessagePort;
  request: Parameters<Api['selfCheck']>[2];
  every: number;
};

/** The app's media worker, started on first use. */
function mediaWorkerBridge(): WorkerBridge<Api> {
  return new WorkerBridge<Api>(
    () =>
      new Worker(new URL('./media.worker.ts', import.meta.url), { type: 'module', name: 'media' }),
  );
}

/** What the client needs of its worker's bridge (bridge.ts; unit tests pass a fake one). */
export type MediaWorkerBridge = Pick<WorkerBridge<Api>, 'api' | 'current' | 'detach' | 'terminate'>;

export class MediaClient {
  private readonly bridge: MediaWorkerBridge;

  constructor(bridge: MediaWorkerBridge = mediaWorkerBridge()) {
    this.bridge = bridge;
  }

  /** The source the worker was last asked to open (what `ensureOpen` opens again). */
  private source: Source | undefined;
  /** Damaged sources and how they were repaired: opened again, they are read through the same repair. */
  private readonly repairs = new WeakMap<Source, RepairReport>();

  /**
   * Opens `source` (a probe; a conversion through ffmpeg.wasm when WebCodecs cannot read it). `repaired`:
   * a damaged file's repair, as stored with its project (remembered for this source from then on).
   */
  open(source: Source, { repaired, ...options }: PassOptions & { repaired?: RepairReport } = {}) {
    this.source = source;
    if (repaired) this.repairs.set(source, repaired);
    const repair = this.repairs.get(source);
    return this.pass(options.signal, (api) =>
      api.open(source, appBaseUrl(), reportsOf(options), repair),
    );
  }

  /**
   * Reads the open source through a repaired copy if it is damaged (see the worker's `repair`): its new
   * info, or null when nothing was repaired.
   */
  async repair(kind: RepairKind, options: PassOptions = {}) {
    const source = this.source;
    const info = await this.pass(options.signal, (api) =>
      api.repair(kind, appBaseUrl(), reportsOf(options)),
    );
    if (info?.repair && source) this.repairs.set(source, info.repair);
    return info;
  }

  /** Opens `source` again if the worker lost it; nothing when it is the one open. */
  async ensureOpen(source: Source, options: PassOptions = {}): Promise<void> {
    if (this.source === source && (await this.bridge.api.isOpen())) return;
    await this.open(source, options);
  }

  analyse(call: AnalyseCall, options: PassOptions = {}) {
    const { detectPort, request, resume, onFrames } = call;
    return this.pass(options.signal, (api) =>
      api.analyse(
        Comlink.transfer(detectPort, [detectPort]),
        request,
        reportsOf(options),
        resume,
        onFrames && Comlink.proxy(onFrames),
      ),
    );
  }

  selfCheck(call: CheckCall, options: PassOptions = {}) {
    const { output, detectPort, request, every } = call;
    return this.pass(options.signal, (api) =>
      api.selfCheck(
        output,
        Comlink.transfer(detectPort, [detectPort]),
        request,
        every,
        reportsOf(options),
      ),
    );
  }

  exportVideo(call: ExportCall, options: PassOptions = {}) {
    const { frames, settings, output, outputName } = call;
    return this.pass(options.signal, (api) =>
      api.exportVideo(frames, settings, reportsOf(options), output, outputName),
    );
  }

  /**
   * One frame of `source` for the editor; opens it again (once) if the worker lost it. Asked on every seek,
   * so the worker is not asked whether it is open unless the frame fails.
   */
  async frameAt(source: Source, request: Parameters<Api['frameAt']>[0]): Promise<ImageBitmap> {
    if (this.source !== source) await this.open(source);
    try {
      return await this.bridge.api.frameAt(request);
    } catch (error) {
      if (await this.bridge.api.isOpen()) throw error;
      await this.open(source);
      return this.bridge.api.frameAt(request);
    }
  }

  /** Follows a drawn region with the visual tracker; `signal` stops it and leaves the source open. */
  async followRegion(
    source: Source,
    request: Parameters<Api['followRegion']>[0],
    {
      signal,
      onProgress,
    }: { signal?: AbortSignal; onProgress: (done: number, total: number) => void },
  ) {
    await this.ensureOpen(source);
    const api = this.bridge.api;
    const stop = (): void => void api.cancelFollow();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await api.followRegion(request, Comlink.proxy(onProgress));
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** What the opened file carries besides pictures and sound (null when none is open). */
  sourceMetadata() {
    return this.bridge.api.sourceMetadata();
  }

  /** The worker itself, for the test hooks and bench profiles (src/job/test-hooks.ts, test builds) only. */
  get testApi(): Comlink.Remote<Api> {
    return this.bridge.api;
  }

  /** Ends the worker now (a crash of the job, a page going away); the next call starts a fresh one. */
  terminate(): void {
    this.source = undefined;
    this.bridge.terminate();
  }

  /** Runs a pass on the current worker; see the file comment for what a cancel does. */
  private async pass<T>(
    signal: AbortSignal | undefined,
    work: (api: Comlink.Remote<Api>) => Promise<T>,
  ): Promise<T> {
    signal?.throwIfAborted();
    const worker = this.bridge.current();
    const running = work(worker.api);
    if (!signal) return running;
    const retire = (): void => this.retire(worker, running);
    signal.addEventListener('abort', retire, { once: true });
    try {
      return await abortable(signal, running);
    } finally {
      signal.removeEventListener('abort', retire);
    }
  }

  /** Stops a cancelled pass's worker: asked first, terminated once it has stopped or after the grace. */
  private retire(worker: RunningWorker<Api>, running: Promise<unknown>): void {
    this.bridge.detach(worker);
    this.source = undefined;
    const grace = setTimeout(worker.terminate, CANCEL_GRACE_MS);
    const end = (): void => {
      clearTimeout(grace);
      worker.terminate();
    };
    running.then(end, end);
    worker.api.cancel().catch(() => undefined);
  }
}

export const mediaClient = new MediaClient();
