import type { Ref } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import { EditorStage } from './EditorStage.tsx';
import type { StageBox } from './stage-space.ts';
import type { FrameRegion } from './track-view.ts';
import type { ShownFrame } from './use-frame-bitmap.ts';
import type { PreviewPicture } from './use-stored-preview.ts';
import type { Zoom } from './zoom.ts';

type Props = {
  containerRef: Ref<HTMLDivElement>;
  size: { width: number; height: number; scale: number };
  frameIndex: number;
  shown: ShownFrame | null;
  /** The stored preview of the current frame, shown until its full-resolution frame arrives. */
  preview?: PreviewPicture | null;
  failed: boolean;
  loading: boolean;
  mosaic: boolean;
  /** The project's padding: how much export grows each box (drawn faintly around it). */
  padding: number;
  regions: FrameRegion[];
  selectedId: number | null;
  drawing: boolean;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  readOnly: boolean;
  onSelect: (trackId: number | null) => void;
  onCommit: (trackId: number, box: StageBox) => void;
  onDrawn: (box: StageBox) => void;
};

/** The stage's box in the page: measured for the fit, and where e2e tests read which frame is showing. */
export function StagePanel({ containerRef, size, frameIndex, shown, preview, ...props }: Props) {
  const { t } = useI18n();
  const selected = props.regions.find((r) => r.track.id === props.selectedId)?.point.box;
  const selectedBox = selected ? [selected.x, selected.y, selected.w, selected.h] : [];
  return (
    <div
      className="editor__stage"
      ref={containerRef}
      data-testid="editor-stage"
      data-frame={frameIndex}
      data-shown-frame={shown?.frameIndex ?? -1}
      data-preview-frame={preview?.frameIndex ?? -1}
      data-mosaic={props.mosaic}
      data-loading={props.loading}
      data-drawing={props.drawing}
      data-selected={props.selectedId ?? ''}
      data-selected-box={selectedBox.map(Math.round).join(',')}
      data-regions={props.regions.length}
      data-zoom={props.zoom.scale.toFixed(2)}
    >
      {size.width > 0 && (
        <EditorStage
          width={size.width}
          height={size.height}
          scale={size.scale}
          bitmap={preview?.bitmap ?? shown?.bitmap ?? null}
          regions={props.regions}
          selectedId={props.selectedId}
          drawing={props.drawing}
          zoom={props.zoom}
          onZoom={props.onZoom}
          readOnly={props.readOnly}
          mosaic={props.mosaic}
          padding={props.padding}
          onSelect={props.onSelect}
          onCommit={props.onCommit}
          onDrawn={props.onDrawn}
        />
      )}
      {props.drawing && <p className="editor__notice">{t('editor.drawHint')}</p>}
      {props.loading && !props.failed && (
        <p className="editor__loading" aria-live="polite">
          {t('editor.loading')}
        </p>
      )}
      {props.failed && (
        <p className="editor__notice editor__notice--error" role="alert">
          {t('editor.frameError')}
        </p>
      )}
    </div>
  );
}
