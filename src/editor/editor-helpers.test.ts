import { describe, expect, it } from 'vitest';
import { clampFrame, frameMidpointUs } from './frame-time.ts';
import { SHORTCUTS, type EditorAction } from './shortcuts.ts';
import { fitStage, stageBoxFromCorners, toStageBox, toVideoBox } from './stage-space.ts';
import { formatTimecode } from './timecode.ts';

describe('frame timing', () => {
  const frames = [0, 33333, 66667].map((timestampUs) => ({ timestampUs }));
  it('asks for the middle of the frame, not its rounded start', () => {
    expect(frameMidpointUs(frames, 1, 30)).toBe(50000);
    expect(frameMidpointUs(frames, 2, 30)).toBe(Math.round(66667 + 1e6 / 60));
  });
  it('clamps the playhead into the video', () => {
    expect(clampFrame(-3, 10)).toBe(0);
    expect(clampFrame(12, 10)).toBe(9);
  });
  it('formats the playhead time', () => {
    expect(formatTimecode(0)).toBe('0:00.00');
    expect(formatTimecode(61.5)).toBe('1:01.50');
  });
});

describe('stage space', () => {
  it('fits the frame into the width and height available, keeping its aspect', () => {
    expect(fitStage({ width: 1280, height: 720 }, 640, 1000)).toEqual({
      width: 640,
      height: 360,
      scale: 0.5,
    });
    expect(fitStage({ width: 1280, height: 720 }, 1280, 360).width).toBe(640);
  });
  it('converts both ways and from corners', () => {
    const stage = toStageBox({ x: 100, y: 50, w: 20, h: 10 }, 0.5);
    expect(stage).toEqual({ x: 50, y: 25, w: 10, h: 5 });
    expect(toVideoBox(stage, 0.5)).toEqual({ x: 100, y: 50, w: 20, h: 10 });
    expect(stageBoxFromCorners({ x: 30, y: 40 }, { x: 10, y: 5 })).toEqual({
      x: 10,
      y: 5,
      w: 20,
      h: 35,
    });
  });
});

describe('shortcuts', () => {
  const press = (init: Partial<KeyboardEvent>): EditorAction[] => {
    const event = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init };
    return SHORTCUTS.filter((s) => s.test(event as KeyboardEvent)).map((s) => s.action);
  };
  it('maps each key to exactly one action', () => {
    expect(press({ code: 'Space', key: ' ' })).toEqual(['togglePlay']);
    expect(press({ key: 'ArrowLeft' })).toEqual(['stepBack']);
    expect(press({ key: 'ArrowRight', shiftKey: true })).toEqual(['jumpForward']);
    expect(press({ code: 'KeyN', key: 'ㅜ' })).toEqual(['newRegion']);
    expect(press({ key: 'Delete', shiftKey: true })).toEqual(['deleteTrack']);
    expect(press({ code: 'KeyK', key: 'K', shiftKey: true })).toEqual(['removeKeyframe']);
    expect(press({ code: 'KeyZ', key: 'z', ctrlKey: true })).toEqual(['undo']);
    expect(press({ code: 'KeyZ', key: 'Z', metaKey: true, shiftKey: true })).toEqual(['redo']);
    expect(press({ key: '?', code: 'Slash', shiftKey: true })).toEqual(['help']);
  });
  it('leaves browser shortcuts alone', () => {
    expect(press({ code: 'KeyS', key: 's', ctrlKey: true })).toEqual([]);
    expect(press({ code: 'KeyK', key: 'k', altKey: true })).toEqual([]);
  });
  it('every action has one shortcut', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});
