import type Konva from 'konva';
import { useCallback, useEffect, useRef } from 'react';
import { Layer, Rect, Transformer } from 'react-konva';
import { useI18n } from '../ui/i18n.tsx';
import { trackColor } from './colors.ts';
import { classLabelKey } from './labels.ts';
import { RegionBox } from './RegionBox.tsx';
import { toStageBox, type StageBox } from './stage-space.ts';
import type { FrameRegion } from './track-view.ts';

type Props = {
  regions: FrameRegion[];
  /** A finger is the main pointer: larger handles. */
  coarse: boolean;
  scale: number;
  stage: { width: number; height: number };
  selectedId: number | null;
  drawing: boolean;
  readOnly: boolean;
  mosaic: boolean;
  /** The project's padding: the faint area drawn around each box is what export covers. */
  padding: number;
  draft: StageBox | null;
  onSelect: (trackId: number) => void;
  onCommit: (trackId: number, box: StageBox) => void;
};

const MIN_STAGE_SIDE = 6;
/**
 * A finger needs a handle of at least 44 × 44 px (WCAG 2.5.5): on a coarse pointer the corner handles are
 * drawn 20 px and hit 44 px (the hit stroke adds 12 px a side); the middle handles are left out, as they
 * would cover a small box.
 */
const TOUCH_HANDLE = { size: 20, hit: 44 };
const TOUCH_TRANSFORMER = {
  anchorSize: TOUCH_HANDLE.size,
  enabledAnchors: ['top-left', 'top-right', 'bottom-left', 'bottom-right'],
  anchorStyleFunc: (anchor: Konva.Rect) => {
    anchor.hitStrokeWidth(TOUCH_HANDLE.hit - TOUCH_HANDLE.size);
  },
};

/** The interactive layer: every region on this frame, one Transformer on the selected one, the draft box. */
export function RegionLayer({
  regions,
  scale,
  stage,
  selectedId,
  drawing,
  readOnly,
  mosaic,
  padding,
  draft,
  coarse,
  ...on
}: Props) {
  const { t } = useI18n();
  const nodes = useRef(new Map<number, Konva.Rect>());
  const transformer = useRef<Konva.Transformer>(null);

  const registerNode = useCallback((trackId: number, node: Konva.Rect | null) => {
    if (node) nodes.current.set(trackId, node);
    else nodes.current.delete(trackId);
  }, []);

  useEffect(() => {
    const node =
      selectedId === null || drawing || readOnly ? undefined : nodes.current.get(selectedId);
    transformer.current?.nodes(node ? [node] : []);
    transformer.current?.getLayer()?.batchDraw();
  }, [selectedId, drawing, readOnly, regions]);

  return (
    <Layer>
      {regions.map(({ track, point }) => (
        <RegionBox
          key={track.id}
          trackId={track.id}
          box={toStageBox(point.box, scale)}
          color={trackColor(track.id)}
          label={`${t(classLabelKey(track.class))} #${track.id}`}
          keepVisible={track.keepVisible}
          ellipse={track.shape === 'ellipse'}
          showCover={!mosaic}
          padding={padding}
          selected={track.id === selectedId}
          interactive={!drawing}
          movable={!readOnly}
          stage={stage}
          onSelect={on.onSelect}
          onCommit={on.onCommit}
          registerNode={registerNode}
        />
      ))}
      {draft && (
        <Rect
          x={draft.x}
          y={draft.y}
          width={draft.w}
          height={draft.h}
          stroke="#ffffff"
          strokeWidth={2}
          dash={[6, 4]}
          listening={false}
        />
      )}
      <Transformer
        ref={transformer}
        rotateEnabled={false}
        keepRatio={false}
        ignoreStroke
        {...(coarse ? TOUCH_TRANSFORMER : { anchorSize: 10 })}
        boundBoxFunc={(old, next) =>
          next.width < MIN_STAGE_SIDE || next.height < MIN_STAGE_SIDE ? old : next
        }
      />
    </Layer>
  );
}
