/**
 * The only place that creates Workers. Each worker sits behind a bridge that starts it lazily and, on
 * cancel, terminates it: only termination really stops wasm and codec work mid-frame.
 */
import * as Comlink from 'comlink';
import type { DetectWorkerApi } from './detect.worker.ts';
import type { MediaWorkerApi } from './media.worker.ts';

class WorkerBridge<Api> {
  private worker: Worker | undefined;
  private remote: Comlink.Remote<Api> | undefined;

  private readonly create: () => Worker;

  constructor(create: () => Worker) {
    this.create = create;
  }

  get api(): Comlink.Remote<Api> {
    if (!this.remote) {
      this.worker = this.create();
      this.remote = Comlink.wrap<Api>(this.worker);
    }
    return this.remote;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }
}

export const mediaWorker = new WorkerBridge<MediaWorkerApi>(
  () =>
    new Worker(new URL('./media.worker.ts', import.meta.url), { type: 'module', name: 'media' }),
);

export const detectWorker = new WorkerBridge<DetectWorkerApi>(
  () =>
    new Worker(new URL('./detect.worker.ts', import.meta.url), { type: 'module', name: 'detect' }),
);

/** A fresh channel whose ends let the media worker call the detect worker directly. */
export async function connectDetectorToMedia(): Promise<MessagePort> {
  const channel = new MessageChannel();
  await detectWorker.api.connect(Comlink.transfer(channel.port1, [channel.port1]));
  return channel.port2;
}

export function terminateAll(): void {
  mediaWorker.terminate();
  detectWorker.terminate();
}

export { Comlink };
