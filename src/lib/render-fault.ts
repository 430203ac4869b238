/**
 * Test builds only: a switch that makes the next render of the app fail, to show the root error boundary
 * at work (e2e/errors.spec.ts; armed through `window.__garim.failNextRender`, src/job/test-hooks.ts).
 */
const listeners = new Set<() => void>();
let armed = false;

export function armRenderFault(): void {
  armed = true;
  for (const listener of listeners) listener();
}

/** Called by the error boundary once it has caught the failure (React retries a failed render once). */
export function disarmRenderFault(): void {
  armed = false;
}

export function isRenderFaultArmed(): boolean {
  return armed;
}

export function onRenderFault(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
