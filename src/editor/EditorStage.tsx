import type { KonvaEventObject } from 'konva/lib/Node';
import { Image as KonvaImage, Layer, Stage } from 'react-konva';
import { RegionLayer } from './RegionLayer.tsx';
import type { StageBox } from './stage-space.ts';
import type { FrameRegion } from './track-view.ts';
import { useDrawRegion } from './use-draw-region.ts';

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
  onSelect: (trackId: number | null) => void;
  onCommit: (trackId: number, box: StageBox) => void;
  onDrawn: (box: StageBox) => void;
};

/**
 * The frame and its regions. The picture sits on a layer that never listens (Konva's cheapest redraw path);
 * boxes and the single Transformer sit on the interactive layer above it.
 */
export function EditorStage({ width, height, scale, bitmap, drawing, ...props }: Props) {
  const draw = useDrawRegion(drawing, props.onDrawn);
  const stage = { width, height };

  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    if (drawing) draw.begin(e);
    else if (e.target === e.target.getStage()) props.onSelect(null);
  };

  return (
    <Stage
      width={width}
      height={height}
      onPointerDown={onPointerDown}
      onPointerMove={draw.move}
      onPointerUp={draw.end}
      onPointerLeave={draw.end}
      style={{ cursor: drawing ? 'crosshair' : 'default' }}
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
        draft={draw.draft}
        onSelect={props.onSelect}
        onCommit={props.onCommit}
      />
    </Stage>
  );
}
