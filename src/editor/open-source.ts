import { Comlink, mediaWorker } from '../workers/clients.ts';

/** Opens the video in the media worker again if it lost it (restarted after a cancel or a reload). */
export async function ensureOpen(file: File): Promise<void> {
  if (await mediaWorker.api.isOpen()) return;
  const base = new URL(import.meta.env.BASE_URL, location.href).href;
  await mediaWorker.api.open(
    file,
    base,
    Comlink.proxy(() => undefined),
  );
}
