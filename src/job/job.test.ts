/**
 * The job with fake workers and an in-memory IndexedDB (fake-indexeddb): what it stores, what it resumes,
 * what a cancel leaves. The workers' own passes have their own tests (media/, detect/) and the e2e suite
 * runs the whole thing in Chromium.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { DetectorInfo } from '../detect/detector.ts';
import type { AnalysedFrame } from '../media/analyse.ts';
import type { MediaInfo } from '../media/types.ts';
import { videoBox } from '../regions/geometry.ts';
import type { FrameRegions } from '../regions/types.ts';
import { getGarimDb, getProject, readFrameRegions, readTracks } from '../store/index.ts';
import { sampleMedia } from '../store/test-fixtures.ts';
import type { JobClients } from './clients.ts';
import { reopenProject, runAnalysis, type JobUpdate } from './job.ts';

const FRAMES = 90;
const BATCH = 20;

const info: MediaInfo = {
  ...sampleMedia,
  fileName: 'walk.mp4',
  durationSec: FRAMES / 30,
  frameCount: FRAMES,
};

const detectorInfo: DetectorInfo = {
  model: 'yunet-n',
  modelLabel: 'YuNet',
  licence: 'Apache-2.0',
  backend: 'wasm',
  threads: 1,
  note: '',
  scoreThreshold: 0.5,
};

/** Frame `i`: one sure face walking right, 2 px a frame. */
function frame(i: number): AnalysedFrame {
  return {
    frameIndex: i,
    timestampUs: Math.round((i * 1e6) / 30),
    detections: [{ box: videoBox(20 + 2 * i, 60, 40, 48), score: 0.9, class: 'face' }],
  };
}

type Fakes = {
  clients: JobClients;
  analysed: { resume: number | undefined }[];
  /** The detector's stop (a cancel). */
  stop: ReturnType<typeof vi.fn>;
};

/** A damaged file's repair, as the media worker reports it. */
const repair = { kind: 'full', listed: FRAMES, concealed: 12, lost: 3 } as const;

/**
 * Fake workers: the media worker "analyses" frames after `resume` in batches through `onFrames` (as the
 * real one does); `stopAt` makes it wait there until cancelled; `damagedAt` makes its first pass stop
 * there as a damaged picture does (`VideoNeedsRepair`), until the file is repaired.
 */
function fakeClients(stopAt?: number, damagedAt?: number): Fakes {
  const analysed: Fakes['analysed'] = [];
  const stop = vi.fn();
  let repaired = false;
  const clients: JobClients = {
    media: {
      open: vi.fn(() => Promise.resolve(info)),
      ensureOpen: vi.fn(() => Promise.resolve()),
      repair: vi.fn((kind: string) => {
        if (kind !== 'full' || damagedAt === undefined) return Promise.resolve(null);
        repaired = true;
        return Promise.resolve({ ...info, engine: 'ffmpeg' as const, repair });
      }),
      async analyse({ resume, onFrames }, { signal } = {}) {
        analysed.push({ resume: resume?.frameIndex });
        const done: FrameRegions[] = [];
        const first = resume ? resume.frameIndex + 1 : 0;
        for (let start = first; start < FRAMES; start += BATCH) {
          if (stopAt !== undefined && start >= stopAt) await cancelled(signal);
          if (damagedAt !== undefined && !repaired && start >= damagedAt) {
            throw Object.assign(new Error('damaged'), { name: 'VideoNeedsRepair' });
          }
          const batch = Array.from({ length: Math.min(BATCH, FRAMES - start) }, (_, k) =>
            frame(start + k),
          );
          await onFrames?.(batch);
          done.push(...batch);
        }
        return done;
      },
      selfCheck: vi.fn(() => Promise.resolve([])),
      exportVideo: vi.fn(() => Promise.reject(new Error('not in these tests'))),
    },
    detector: {
      init: vi.fn(() => Promise.resolve(detectorInfo)),
      preparePlates: vi.fn(() => Promise.resolve()),
      connectMedia: () => Promise.resolve(new MessageChannel().port2),
      stop,
    },
  };
  return { clients, analysed, stop };
}

/** Never settles until `signal` aborts; then rejects as a cancelled pass does. */
function cancelled(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError'))),
  );
}

const file = new File([new Uint8Array(4096)], 'walk.mp4', { type: 'video/mp4' });
const options = { mode: 'balanced' as const, plates: false };

describe('job: analysis with fake workers', () => {
  it('stores every frame and the tracks, and says which detector ran', async () => {
    const { clients } = fakeClients();
    const updates: JobUpdate['kind'][] = [];
    const analysis = await runAnalysis(
      file,
      options,
      new AbortController().signal,
      (u) => updates.push(u.kind),
      { clients },
    );
    expect(analysis.frames).toHaveLength(FRAMES);
    expect(analysis.tracks.filter((t) => t.class === 'face')).toHaveLength(1);
    expect(updates).toContain('detector');
    expect(updates).toContain('info');
    const project = analysis.project;
    if (!project) throw new Error('the project was not stored');
    expect((await getProject(project.db, project.id)).state).toBe('needs-review');
    expect((await readFrameRegions(project.db, project.id)).items).toHaveLength(FRAMES);
    expect((await readTracks(project.db, project.id)).items).toHaveLength(analysis.tracks.length);
  });

  it('reopens a finished project from the store without analysing it again', async () => {
    const first = fakeClients();
    const done = await runAnalysis(file, options, new AbortController().signal, () => undefined, {
      clients: first.clients,
    });
    const again = fakeClients();
    const id = done.project?.id ?? '';
    const reopened = await reopenProject(
      id,
      new AbortController().signal,
      () => undefined,
      again.clients,
    );
    expect(again.analysed).toHaveLength(0);
    expect(again.clients.media.open).toHaveBeenCalledTimes(1);
    expect(reopened.frames).toHaveLength(FRAMES);
    const shape = (tracks: typeof done.tracks) =>
      tracks.map((t) => ({ id: t.id, class: t.class, frames: t.points.map((p) => p.frameIndex) }));
    expect(shape(reopened.tracks)).toEqual(shape(done.tracks));
  });

  it('a cancel stops the detector, keeps the saved frames, and a reopen resumes after them', async () => {
    const { clients, stop } = fakeClients(40);
    const cancel = new AbortController();
    const running = runAnalysis(file, options, cancel.signal, () => undefined, { clients });
    const db = await getGarimDb();
    const analysing = async () =>
      (await db.getAll('projects')).find((p) => p.state === 'analysing');
    await vi.waitFor(async () => {
      const project = await analysing();
      expect(project && (await readFrameRegions(db, project.id)).items).toHaveLength(40);
    });
    cancel.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(stop).toHaveBeenCalled();

    const stopped = await analysing();
    if (!stopped) throw new Error('the cancelled project is not kept as analysing');

    const resumed = fakeClients();
    const analysis = await reopenProject(
      stopped.id,
      new AbortController().signal,
      () => undefined,
      resumed.clients,
    );
    expect(resumed.analysed).toEqual([{ resume: 39 }]);
    expect(analysis.frames.map((f) => f.frameIndex)).toEqual(
      Array.from({ length: FRAMES }, (_, i) => i),
    );
    expect(analysis.resumedFrames).toBe(40);
  });

  it('a damaged picture: the file is repaired, analysis goes on after the saved frames, and the project keeps the repair', async () => {
    const { clients, analysed } = fakeClients(undefined, 40);
    const infos: MediaInfo[] = [];
    const analysis = await runAnalysis(
      file,
      options,
      new AbortController().signal,
      (u) => u.kind === 'info' && infos.push(u.info),
      { clients },
    );
    expect(analysed).toEqual([{ resume: undefined }, { resume: 39 }]);
    expect(analysis.frames.map((f) => f.frameIndex)).toEqual(
      Array.from({ length: FRAMES }, (_, i) => i),
    );
    expect(analysis.info.repair).toEqual(repair);
    expect(infos.at(-1)?.repair).toEqual(repair);
    const project = analysis.project;
    if (!project) throw new Error('the project was not stored');
    expect((await getProject(project.db, project.id)).media.repair).toEqual(repair);
    expect(clients.media.repair).toHaveBeenCalledWith('full', expect.anything());

    // Opened again, the file is read through the same repair.
    const again = fakeClients();
    await reopenProject(project.id, new AbortController().signal, () => undefined, again.clients);
    expect(again.clients.media.open).toHaveBeenCalledWith(
      file,
      expect.objectContaining({ repaired: repair }),
    );
  });
});
