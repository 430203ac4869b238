/**
 * Keeps the screen on while `work` runs (a long export must not stop because the device went to sleep).
 * Where the Screen Wake Lock API is missing or refused (hidden tab, low battery), the work runs anyway.
 */
export async function withWakeLock<T>(work: () => Promise<T>): Promise<T> {
  const sentinel = await navigator.wakeLock?.request('screen').catch(() => undefined);
  try {
    return await work();
  } finally {
    await sentinel?.release().catch(() => undefined);
  }
}
