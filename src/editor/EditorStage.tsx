import Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import { RegionLayer } from './RegionLayer.tsx';
import type { StageBox } from './stage-space.ts';
import type { FrameRegion } from './track-view.ts';
import { useCoarsePointer } from './use-coarse-pointer.ts';
import { useDrawRegion } from './use-draw-region.ts';
import { useStageGestures } from './use-stage-gestures.ts';
import { stageTransform, type Zoom } from './zoom.ts';

// Konva holds pointer events back while a box is dragged; a pinch needs every finger's moves meanwhile.
Konva.hitOnDragEnabled = true;

type Props = {
  width: number;
  height: number;
  scale: number;
  bitmap: ImageBitmap | null;
  regions: FrameRegion[];
  selectedId: number | null;
  drawing: boolean;
  readOnly: boolean;
  mosaic: boolean;
  /** The project's padding: how much export grows each box (drawn faintly around it). */
  padding: number;
  /** The magnification and the part of the picture in view (zoom.ts). */
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  onSelect: (trackId: number | null) => void;
  onCommit: (trackId: number, box: StageBox) => void;
  onDrawn: (box: StageBox) => void;
};

/**
 * The frame and its regions. The picture sits on a layer that never listens (Konva's cheapest redraw path);
 * boxes and the single Transformer sit on the interactive layer above it. Every gesture comes through
 * pointer events (mouse, pen and touch alike); the stage's scale and position show the zoom, so the boxes
 * keep their unmagnified stage coordinates.
 */
export function EditorStage({ width, height, scale, bitmap, drawing, zoom, ...props }: Props) {
  const draw = useDrawRegion(drawing, props.onDrawn);
  const coarse = useCoarsePointer();
  const stage = { width, height };
  const view = stageTransform(zoom, stage);
  // A second finger turns a draw or a box's drag into a pinch: the draft goes, the drag stops where it is.
  const gestures = useStageGestures(zoom, stage, props.onZoom, (e) => {
    draw.cancel();
    for (const node of e.target.getStage()?.find('.region') ?? []) {
      if (node.isDragging()) node.stopDrag();
    }
  });

  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    const onPicture = e.target === e.target.getStage();
    gestures.down(e, onPicture && !drawing);
    if (gestures.active()) return;
    if (drawing) draw.begin(e);
    else if (onPicture) props.onSelect(null);
  };
  const onPointerMove = (e: KonvaEventObject<PointerEvent>) => {
    gestures.move(e);
    if (!gestures.active()) draw.move(e);
  };
  const onPointerUp = (e: KonvaEventObject<PointerEvent>) => {
    gestures.up(e);
    draw.end();
  };

  return (
    <Stage
      width={width}
      height={height}
      x={view.x}
      y={view.y}
      scaleX={view.scale}
      scaleY={view.scale}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={onPointerUp}
      style={{ cursor: drawing ? 'crosshair' : zoom.scale > 1 ? 'grab' : 'default' }}
    >
      <Layer listening={false}>
        {bitmap && <KonvaImage image={bitmap} width={width} height={height} />}
      </Layer>
      <RegionLayer
        regions={props.regions}
        scale={scale}
        stage={stage}
        selectedId={props.selectedId}
        drawing={drawing}
        readOnly={props.readOnly}
        mosaic={props.mosaic}
        padding={props.padding}
        coarse={coarse}
        draft={draw.draft}
        onSelect={props.onSelect}
        onCommit={props.onCommit}
      />
    </Stage>
  );
}
