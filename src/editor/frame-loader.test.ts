import { describe, expect, it } from 'vitest';
import { LatestOnlyLoader } from './frame-loader.ts';

type Deferred = { request: number; resolve: (v: string) => void; reject: (e: Error) => void };

function harness() {
  const calls: Deferred[] = [];
  const shown: string[] = [];
  const disposed: string[] = [];
  const errors: number[] = [];
  const loader = new LatestOnlyLoader<number, string>({
    fetch: (request) => new Promise((resolve, reject) => calls.push({ request, resolve, reject })),
    onResult: (result) => shown.push(result),
    onError: (_e, request) => errors.push(request),
    dispose: (result) => disposed.push(result),
  });
  return { loader, calls, shown, disposed, errors };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnlyLoader', () => {
  it('answers a lone request', async () => {
    const h = harness();
    h.loader.request(1);
    expect(h.loader.busy).toBe(true);
    h.calls[0]?.resolve('f1');
    await tick();
    expect(h.shown).toEqual(['f1']);
    expect(h.loader.busy).toBe(false);
  });
  it('keeps one request in flight, drops superseded ones and disposes stale answers', async () => {
    const h = harness();
    h.loader.request(1);
    h.loader.request(2);
    h.loader.request(3);
    expect(h.calls.map((c) => c.request)).toEqual([1]);
    h.calls[0]?.resolve('f1');
    await tick();
    expect(h.disposed).toEqual(['f1']);
    expect(h.calls.map((c) => c.request)).toEqual([1, 3]);
    h.calls[1]?.resolve('f3');
    await tick();
    expect(h.shown).toEqual(['f3']);
  });
  it('reports only errors of the latest request', async () => {
    const h = harness();
    h.loader.request(1);
    h.loader.request(2);
    h.calls[0]?.reject(new Error('stale'));
    await tick();
    h.calls[1]?.reject(new Error('now'));
    await tick();
    expect(h.errors).toEqual([2]);
  });
  it('disposes what arrives after close', async () => {
    const h = harness();
    h.loader.request(1);
    h.loader.close();
    h.loader.request(2);
    h.calls[0]?.resolve('f1');
    await tick();
    expect(h.shown).toEqual([]);
    expect(h.disposed).toEqual(['f1']);
    expect(h.calls).toHaveLength(1);
  });
});
