/**
 * The media worker: opens the source, runs the analysis pass (with the detect worker over a MessagePort)
 * and the export pass. The opened source is kept between the two passes.
 */
import * as Comlink from 'comlink';
import { analyseFrames, type DetectFrame } from '../media/analyse.ts';
import { exportRedacted, type ExportResult } from '../media/export.ts';
import { openSource, type OpenedSource } from '../media/source.ts';
import type { MediaInfo, StageProgress } from '../media/types.ts';
import type { DetectRequest } from '../detect/schedule.ts';
import type { CoveredFrame, FrameRegions, RedactionSettings } from '../regions/types.ts';
import type { DetectWorkerApi } from './detect.worker.ts';

type Progress = (progress: StageProgress) => void;

let source: OpenedSource | undefined;
let controller = new AbortController();

function transferablesOf(progress: StageProgress): Transferable[] {
  return progress.preview ? [progress.preview.bitmap] : [];
}

function forward(onProgress: Progress): Progress {
  return (progress) => onProgress(Comlink.transfer(progress, transferablesOf(progress)));
}

function opened(): OpenedSource {
  if (!source) throw new Error('No video is open');
  return source;
}

const api = {
  async open(file: File | Blob, baseUrl: string, onProgress: Progress): Promise<MediaInfo> {
    source?.input.dispose();
    source = undefined;
    controller = new AbortController();
    const report = forward(onProgress);
    source = await openSource(file, baseUrl, controller.signal, (fraction) =>
      report({ stage: 'convert', done: Math.round(fraction * 100), total: 100, rate: 0 }),
    );
    return source.info;
  },

  async analyse(
    detectPort: MessagePort,
    request: Omit<DetectRequest, 'frameIndex'>,
    onProgress: Progress,
  ): Promise<FrameRegions[]> {
    const detector = Comlink.wrap<DetectWorkerApi>(detectPort);
    try {
      const detect: DetectFrame = (frame, rotation, frameIndex) =>
        detector.detectFrame(Comlink.transfer(frame, [frame]), rotation, {
          ...request,
          frameIndex,
        });
      return await analyseFrames(opened(), detect, controller.signal, forward(onProgress));
    } finally {
      detector[Comlink.releaseProxy]();
    }
  },

  async exportVideo(
    frames: CoveredFrame[],
    settings: RedactionSettings,
    onProgress: Progress,
  ): Promise<ExportResult> {
    return exportRedacted(opened(), frames, settings, controller.signal, forward(onProgress));
  },

  cancel(): void {
    controller.abort();
  },
};

export type MediaWorkerApi = typeof api;
Comlink.expose(api);
