import type Konva from 'konva';
import type { KonvaEventObject } from 'konva/lib/Node';
import { useState } from 'react';
import { Ellipse, Group, Label, Rect, Tag, Text } from 'react-konva';
import { padBox } from '../regions/geometry.ts';
import type { StageBox } from './stage-space.ts';
import { isPinching } from './use-stage-gestures.ts';

export type RegionBoxProps = {
  trackId: number;
  box: StageBox;
  color: string;
  label: string;
  keepVisible: boolean;
  /** An ellipse region is drawn as the ellipse inside its (still resizable) box. */
  ellipse: boolean;
  /** Draw the padded area export covers (off in the mosaic preview, which shows the real thing). */
  showCover: boolean;
  /** How much export grows the box about its centre (the project's padding). */
  padding: number;
  selected: boolean;
  /** False while drawing a new region: clicks then go to the stage. */
  interactive: boolean;
  /** False where this tab only looks: the box can be selected but not moved. */
  movable: boolean;
  stage: { width: number; height: number };
  onSelect: (trackId: number) => void;
  onCommit: (trackId: number, box: StageBox) => void;
  registerNode: (trackId: number, node: Konva.Rect | null) => void;
};

function boxOf(node: Konva.Node): StageBox {
  return {
    x: node.x(),
    y: node.y(),
    w: node.width() * node.scaleX(),
    h: node.height() * node.scaleY(),
  } as StageBox;
}

/** Puts the node back where the document says; the committed edit then moves it through props. */
function resetNode(node: Konva.Node, box: StageBox): void {
  node.setAttrs({ x: box.x, y: box.y, width: box.w, height: box.h, scaleX: 1, scaleY: 1 });
}

function RegionLabel({ box, color, text }: { box: StageBox; color: string; text: string }) {
  const above = box.y >= 20;
  return (
    <Label x={box.x} y={above ? box.y - 20 : box.y + 2} listening={false}>
      <Tag fill={color} opacity={0.9} cornerRadius={3} />
      <Text text={text} fontSize={12} padding={4} fill="#111" />
    </Label>
  );
}

type OutlineProps = { box: StageBox; padded: StageBox; color: string; cover: boolean };

/** An ellipse region: its ellipse, and the padded ellipse export covers faintly filled. */
function EllipseOutline({ box, padded, color, cover }: OutlineProps) {
  const centre = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
  return (
    <>
      {cover && (
        <Ellipse
          {...centre}
          radiusX={padded.w / 2}
          radiusY={padded.h / 2}
          fill={color}
          opacity={0.18}
          listening={false}
        />
      )}
      <Ellipse
        {...centre}
        radiusX={box.w / 2}
        radiusY={box.h / 2}
        stroke={color}
        strokeWidth={2}
        listening={false}
      />
    </>
  );
}

/** One region on the current frame: the box (drag to move), its padded cover area faintly, and a label. */
export function RegionBox(props: RegionBoxProps) {
  const { trackId, box, color, selected, interactive, stage } = props;
  const [live, setLive] = useState<StageBox | null>(null);
  const shown = live ?? box;
  const padded = padBox(shown, props.padding);

  const finish = (e: KonvaEventObject<Event>) => {
    const next = boxOf(e.target);
    resetNode(e.target, box);
    setLive(null);
    // A second finger made the gesture a pinch: the box stays where it was.
    if (!isPinching(e.target)) props.onCommit(trackId, next);
  };
  /** Keeps the box on the picture while it is dragged (in stage coordinates, whatever the zoom). */
  const keepInside = (node: Konva.Node) => {
    node.x(Math.max(0, Math.min(stage.width - box.w, node.x())));
    node.y(Math.max(0, Math.min(stage.height - box.h, node.y())));
  };

  return (
    <Group listening={interactive}>
      {props.showCover && !props.keepVisible && !props.ellipse && (
        <Rect
          x={padded.x}
          y={padded.y}
          width={padded.w}
          height={padded.h}
          fill={color}
          opacity={0.18}
          listening={false}
        />
      )}
      {props.ellipse && (
        <EllipseOutline box={shown} padded={padded} color={color} cover={props.showCover} />
      )}
      <Rect
        ref={(node) => props.registerNode(trackId, node)}
        name="region"
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        stroke={color}
        strokeWidth={selected ? 3 : 2}
        opacity={props.ellipse ? 0.5 : 1}
        dash={props.keepVisible ? [6, 4] : undefined}
        fill="transparent"
        strokeScaleEnabled={false}
        draggable={interactive && props.movable}
        onPointerDown={() => props.onSelect(trackId)}
        onDragStart={(e) => {
          if (isPinching(e.target)) e.target.stopDrag();
        }}
        onDragMove={(e) => {
          keepInside(e.target);
          setLive(boxOf(e.target));
        }}
        onTransform={(e) => setLive(boxOf(e.target))}
        onDragEnd={finish}
        onTransformEnd={finish}
      />
      <RegionLabel box={shown} color={color} text={props.label} />
    </Group>
  );
}
