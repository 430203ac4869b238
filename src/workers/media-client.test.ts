/**
 * The media client with a fake worker: what a cancel does to the worker, and the source opened again when
 * a worker lost it. The real worker's passes are covered by the e2e suite.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningWorker } from './bridge.ts';
import { CANCEL_GRACE_MS, MediaClient } from './media-client.ts';
import type { MediaWorkerApi } from './media.worker.ts';

type Handle = RunningWorker<MediaWorkerApi>;

/** A fake media worker: `cancel()` makes a running pass reject, as the real one's AbortController does. */
class FakeWorker {
  opened: Blob | undefined;
  /** Whether a pass stops when asked (false: a wasm call that never comes back). */
  stopsWhenAsked = true;
  private stop: (() => void) | undefined;
  readonly terminate = vi.fn();
  readonly cancel = vi.fn(() => {
    if (this.stopsWhenAsked) this.stop?.();
    return Promise.resolve();
  });
  readonly frameAt = vi.fn(() =>
    this.opened ? Promise.resolve('bitmap') : Promise.reject(new Error('No video is open')),
  );

  readonly api = {
    open: (source: Blob) => {
      this.opened = source;
      return Promise.resolve({ frameCount: 10 });
    },
    isOpen: () => Promise.resolve(this.opened !== undefined),
    analyse: () =>
      new Promise((_, reject) => {
        this.stop = () => reject(new DOMException('stopped', 'AbortError'));
      }),
    cancel: this.cancel,
    frameAt: this.frameAt,
  };

  readonly handle = { api: this.api, terminate: this.terminate } as unknown as Handle;
}

class FakeBridge {
  readonly started: FakeWorker[] = [];
  private running: FakeWorker | undefined;

  current(): Handle {
    if (!this.running) {
      this.running = new FakeWorker();
      this.started.push(this.running);
    }
    return this.running.handle;
  }

  get api() {
    return this.current().api;
  }

  detach(worker: Handle): void {
    if (this.running?.handle === worker) this.running = undefined;
  }

  terminate(): void {
    this.running?.terminate();
    this.running = undefined;
  }
}

const source = new Blob([new Uint8Array(16)]);
const analyseCall = () => ({
  detectPort: new MessageChannel().port2,
  request: { mode: 'fast' as const, plates: false },
});

let bridge: FakeBridge;
let client: MediaClient;

beforeEach(() => {
  vi.stubGlobal('location', { href: 'http://localhost/' });
  bridge = new FakeBridge();
  client = new MediaClient(bridge);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MediaClient: cancel', () => {
  it('asks the pass to stop, starts the next call on a fresh worker, and ends the old one once it stopped', async () => {
    await client.open(source);
    const cancel = new AbortController();
    const running = client.analyse(analyseCall(), { signal: cancel.signal });
    cancel.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const [first] = bridge.started;
    expect(first?.cancel).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(first?.terminate).toHaveBeenCalledTimes(1));

    // The source was the old worker's: the next call opens it again on a fresh one.
    await expect(client.frameAt(source, { timestampUs: 0, maxWidth: 100 })).resolves.toBe('bitmap');
    expect(bridge.started).toHaveLength(2);
    expect(bridge.started[1]?.opened).toBe(source);
  });

  it(`ends a pass that does not stop after ${CANCEL_GRACE_MS} ms`, async () => {
    vi.useFakeTimers();
    await client.open(source);
    const [worker] = bridge.started;
    if (!worker) throw new Error('no worker');
    worker.stopsWhenAsked = false;
    const cancel = new AbortController();
    const running = client.analyse(analyseCall(), { signal: cancel.signal });
    cancel.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS - 1);
    expect(worker.terminate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it('refuses a call whose signal is already aborted, without touching the worker', async () => {
    const cancel = new AbortController();
    cancel.abort();
    await expect(client.open(source, { signal: cancel.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(bridge.started).toHaveLength(0);
  });
});

describe('MediaClient: the open source', () => {
  it('opens nothing again while that source is open', async () => {
    await client.open(source);
    const open = vi.spyOn(bridge.started[0]!.api, 'open');
    await client.ensureOpen(source);
    await client.frameAt(source, { timestampUs: 0, maxWidth: 100 });
    expect(open).not.toHaveBeenCalled();
  });

  it('opens another source in place of the one open', async () => {
    await client.open(source);
    const other = new Blob([new Uint8Array(8)]);
    await client.ensureOpen(other);
    expect(bridge.started[0]?.opened).toBe(other);
  });

  it('opens the source again when the worker lost it, once', async () => {
    await client.open(source);
    const worker = bridge.started[0]!;
    worker.opened = undefined; // a restarted worker, as after a crash
    await expect(client.frameAt(source, { timestampUs: 0, maxWidth: 100 })).resolves.toBe('bitmap');
    expect(worker.opened).toBe(source);
  });
});
