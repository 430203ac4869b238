/** Removes what the service worker keeps: its caches (app shell, models, wasm) and its registration. */
export async function clearOfflineCopies(): Promise<void> {
  if ('caches' in self) {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
  if ('serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
  }
}
