/**
 * Runs jobs one at a time, in arrival order, whatever the previous job's outcome: a worker's model session
 * must never run two inferences at once (Comlink hands each call over as it arrives).
 */
export function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
}
