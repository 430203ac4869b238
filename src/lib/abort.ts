/** Throws the signal's AbortError when it has been aborted; call between units of long work. */
export function assertNotAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function abortError(): DOMException {
  return new DOMException('The job was cancelled.', 'AbortError');
}

/** Rejects as soon as the signal aborts, otherwise settles like `promise`. */
export function abortable<T>(signal: AbortSignal, promise: Promise<T>): Promise<T> {
  assertNotAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
