import { describe, expect, it } from 'vitest';
import { addManualTrack, createEditDoc, setBox } from '../regions/edits.ts';
import { videoBox } from '../regions/geometry.ts';
import { followFrames } from './follow-frames.ts';

const frames = Array.from({ length: 10 }, (_, i) => ({ timestampUs: i * 100_000 }));
const source = { frames, fps: 10 };
let doc = addManualTrack(createEditDoc([], { frameCount: 10, width: 100, height: 100 }), {
  frameIndex: 2,
  box: videoBox(0, 0, 10, 10),
}).doc;
doc = setBox(doc, { trackId: 1, frameIndex: 7, box: videoBox(20, 0, 10, 10) }).doc;

describe('followFrames', () => {
  it('runs from the frame to the end of the video, at frame midpoints', () => {
    const forward = followFrames(doc, 1, 7, 1, source);
    expect(forward).toEqual([
      { frameIndex: 7, timestampUs: 750_000 },
      { frameIndex: 8, timestampUs: 850_000 },
      { frameIndex: 9, timestampUs: 950_000 },
    ]);
  });
  it('stops before the next keyframe in its direction', () => {
    expect(followFrames(doc, 1, 2, 1, source).map((f) => f.frameIndex)).toEqual([2, 3, 4, 5, 6]);
    expect(followFrames(doc, 1, 7, -1, source).map((f) => f.frameIndex)).toEqual([7, 6, 5, 4, 3]);
    expect(followFrames(doc, 1, 2, -1, source).map((f) => f.frameIndex)).toEqual([2, 1, 0]);
  });
});
