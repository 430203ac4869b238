/**
 * The only place that creates Workers: the detect worker's bridge here, the media worker behind its client
 * (media-client.ts). The detect worker is terminated on cancel: only termination stops a model mid-run.
 */
import * as Comlink from 'comlink';
import { WorkerBridge } from './bridge.ts';
import type { DetectWorkerApi } from './detect.worker.ts';
import { mediaClient } from './media-client.ts';

export { appBaseUrl, mediaClient, type MediaClient } from './media-client.ts';

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
  mediaClient.terminate();
  detectWorker.terminate();
}
