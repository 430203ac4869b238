/**
 * Supersede semantics for frame requests (social-video-editor's "each request aborts the last"): at most one
 * request is in flight; a newer request replaces any pending one; an answer that a newer request has made
 * irrelevant is disposed of unseen. Decoding cannot be interrupted in the worker, so this is the cheapest
 * way to keep scrubbing responsive: the decoder only ever works on the latest wish.
 */
export type LoaderCallbacks<Req, Res> = {
  fetch: (request: Req) => Promise<Res>;
  onResult: (result: Res, request: Req) => void;
  onError: (error: unknown, request: Req) => void;
  dispose: (result: Res) => void;
};

export class LatestOnlyLoader<Req, Res> {
  private inFlight = false;
  private pending: { request: Req } | undefined;
  private closed = false;
  private readonly callbacks: LoaderCallbacks<Req, Res>;

  constructor(callbacks: LoaderCallbacks<Req, Res>) {
    this.callbacks = callbacks;
  }

  /** True while a request is being answered: a player should not ask for more yet. */
  get busy(): boolean {
    return this.inFlight;
  }

  request(request: Req): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.pending = { request };
      return;
    }
    void this.run(request);
  }

  /** Stops delivering; answers still on their way are disposed of. */
  close(): void {
    this.closed = true;
    this.pending = undefined;
  }

  private async run(request: Req): Promise<void> {
    this.inFlight = true;
    let outcome: { ok: true; value: Res } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await this.callbacks.fetch(request) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.inFlight = false;
    const next = this.pending;
    this.pending = undefined;
    this.settle(outcome, request, next === undefined && !this.closed);
    if (next && !this.closed) void this.run(next.request);
  }

  private settle(
    outcome: { ok: true; value: Res } | { ok: false; error: unknown },
    request: Req,
    current: boolean,
  ): void {
    if (!outcome.ok) {
      if (current) this.callbacks.onError(outcome.error, request);
      return;
    }
    if (current) this.callbacks.onResult(outcome.value, request);
    else this.callbacks.dispose(outcome.value);
  }
}
