/**
 * A worker behind a Comlink bridge that starts it lazily. `terminate` ends it at once (only termination
 * really stops wasm and codec work mid-frame); `retire` lets the next call start a fresh worker while the
 * old one winds down.
 */
import * as Comlink from 'comlink';

export type RunningWorker<Api> = { api: Comlink.Remote<Api>; terminate: () => void };

export class WorkerBridge<Api> {
  private running: RunningWorker<Api> | undefined;

  private readonly create: () => Worker;

  constructor(create: () => Worker) {
    this.create = create;
  }

  /** The running worker, started if there is none. */
  current(): RunningWorker<Api> {
    if (!this.running) {
      const worker = this.create();
      this.running = { api: Comlink.wrap<Api>(worker), terminate: () => worker.terminate() };
    }
    return this.running;
  }

  get api(): Comlink.Remote<Api> {
    return this.current().api;
  }

  terminate(): void {
    this.running?.terminate();
    this.running = undefined;
  }

  /**
   * Detaches `worker` (when it is still the running one): the next call starts a fresh worker. The caller
   * ends the detached one when its work has wound down.
   */
  detach(worker: RunningWorker<Api>): void {
    if (this.running === worker) this.running = undefined;
  }
}
