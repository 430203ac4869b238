import type { KonvaEventObject } from 'konva/lib/Node';
import { useState } from 'react';
import { stageBoxFromCorners, type StageBox } from './stage-space.ts';

type Point = { x: number; y: number };

/** The pointer in the stage's own (unmagnified) coordinates, whatever the zoom. */
function pointerOf(e: KonvaEventObject<PointerEvent>): Point | null {
  return e.target.getStage()?.getRelativePointerPosition() ?? null;
}

/** Drag-to-draw on the stage while `active`: the draft box follows the pointer; release hands it over. */
export function useDrawRegion(active: boolean, onDrawn: (box: StageBox) => void) {
  const [corners, setCorners] = useState<{ start: Point; end: Point } | null>(null);

  const begin = (e: KonvaEventObject<PointerEvent>) => {
    const at = pointerOf(e);
    if (active && at) setCorners({ start: at, end: at });
  };
  const move = (e: KonvaEventObject<PointerEvent>) => {
    const at = pointerOf(e);
    if (corners && at) setCorners({ start: corners.start, end: at });
  };
  const end = () => {
    if (!corners) return;
    setCorners(null);
    onDrawn(stageBoxFromCorners(corners.start, corners.end));
  };
  /** Drops the draft without drawing (a second finger made the gesture a pinch). */
  const cancel = () => setCorners(null);

  const draft = corners ? stageBoxFromCorners(corners.start, corners.end) : null;
  return { draft, begin, move, end, cancel };
}
