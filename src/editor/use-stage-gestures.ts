import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useRef } from 'react';
import { gestureZoom, type Zoom } from './zoom.ts';

type Point = { x: number; y: number };
type Size = { width: number; height: number };
type Gesture = { start: Zoom; from: Point[] };

/** Set on the Konva stage while two pointers are down: a box's drag then stops and is not an edit. */
const PINCHING = 'pinching';

export function isPinching(node: Konva.Node): boolean {
  return node.getStage()?.getAttr(PINCHING) === true;
}

/** Where a pointer is on the stage, in screen pixels from its top-left corner. */
function pointOf(e: KonvaEventObject<PointerEvent>): Point | null {
  const box = e.target.getStage()?.container().getBoundingClientRect();
  return box ? { x: e.evt.clientX - box.left, y: e.evt.clientY - box.top } : null;
}

/**
 * Pan and pinch on the stage through pointer events, so a mouse, a pen and fingers take one path (issue 21):
 * two pointers down pinch (zoom about their midpoint, and pan as it moves); one pointer pressed on the
 * picture itself (not on a region) pans it while it is magnified. `onPinch` is told when a second pointer
 * turns what the first one did (drawing, dragging) into a pinch; a box's drag then stops and is undone
 * (`isPinching`, RegionBox).
 */
export function useStageGestures(
  zoom: Zoom,
  size: Size,
  onZoom: (z: Zoom) => void,
  onPinch: (e: KonvaEventObject<PointerEvent>) => void,
) {
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);

  const restart = () => {
    gesture.current = { start: zoom, from: [...pointers.current.values()].slice(0, 2) };
  };
  const down = (e: KonvaEventObject<PointerEvent>, mayPan: boolean) => {
    const at = pointOf(e);
    if (!at) return;
    pointers.current.set(e.evt.pointerId, at);
    if (pointers.current.size >= 2) {
      e.target.getStage()?.setAttr(PINCHING, true);
      onPinch(e);
      restart();
    } else if (mayPan && zoom.scale > 1) {
      restart();
    }
  };
  const move = (e: KonvaEventObject<PointerEvent>) => {
    const at = pointOf(e);
    if (!at || !pointers.current.has(e.evt.pointerId)) return;
    pointers.current.set(e.evt.pointerId, at);
    const now = gesture.current;
    if (!now) return;
    if (pointers.current.size >= 2) onPinch(e);
    onZoom(gestureZoom(now.start, now.from, [...pointers.current.values()].slice(0, 2), size));
  };
  const up = (e: KonvaEventObject<PointerEvent>) => {
    pointers.current.delete(e.evt.pointerId);
    if (pointers.current.size === 0) e.target.getStage()?.setAttr(PINCHING, false);
    // A pinch that loses a finger ends; the next press starts afresh.
    gesture.current = null;
  };
  /** True while a pan or pinch is under way: the stage's own handlers (drawing, deselecting) stand aside. */
  const active = () => gesture.current !== null;
  return { down, move, up, active };
}
