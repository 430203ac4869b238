import { useCallback, useEffect } from 'react';
import { formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import type { MediaInfo } from '../media/types.ts';
import type { FrameRegions } from '../regions/types.ts';
import { findTrack } from '../regions/edits.ts';
import { frameMidpointUs, safeFps } from './frame-time.ts';
import { FrameRegionList } from './FrameRegionList.tsx';
import { FollowControls } from './FollowControls.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { StagePanel } from './StagePanel.tsx';
import { fitStage, toVideoBox, type StageBox } from './stage-space.ts';
import { pictureScale } from './zoom.ts';
import { formatTimecode } from './timecode.ts';
import { Timeline } from './Timeline.tsx';
import { Toolbar } from './Toolbar.tsx';
import { coveredBoxesOnFrame, regionsOnFrame } from './track-view.ts';
import { TrackList } from './TrackList.tsx';
import type { EditDocState } from './use-edit-doc.ts';
import { useEditorActions } from './use-editor-actions.ts';
import { useEditorView } from './use-editor-view.ts';
import { useElementWidth } from './use-element-width.ts';
import { useFollowRegion } from './use-follow-region.ts';
import { useFrameBitmap, type FrameWish } from './use-frame-bitmap.ts';
import { DEFAULT_REDACTION, type RedactionSettings } from '../regions/types.ts';
import { usePlayback } from './use-playback.ts';
import { withExisting } from './selection.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { TrimControls } from './TrimControls.tsx';
import { withIn, withOut, type TrimRange } from '../media/trim.ts';
import { useStoredPreview, type PreviewSource } from './use-stored-preview.ts';
import { ThumbnailStrip } from './ThumbnailStrip.tsx';

/** What the editor shows of an analysed video (the job's Analysis has these and more). */
export type ReviewedVideo = {
  file: File;
  info: MediaInfo;
  frames: FrameRegions[];
  /** Where the stored preview pictures are, or null when the project is not stored. */
  project: PreviewSource;
};

type Props = {
  analysis: ReviewedVideo;
  editDoc: EditDocState;
  /** The project is open for editing in another tab: look, but change nothing (no edit is written). */
  readOnly?: boolean;
  /** The part of the video export keeps (absent: all of it), and where a new one goes (undefined: reset). */
  trim?: TrimRange;
  onTrim?: (next: TrimRange | undefined) => void;
  /** How regions are covered in the mosaic preview, as export covers them. */
  redaction?: RedactionSettings;
};

const MIN_STAGE_HEIGHT = 240;
/** Only drawn regions can be followed by the visual tracker. */
const MANUAL = 'manual';
/** Room left under the page header for the title, toolbar and timeline, so the timeline stays in view. */
const RESERVED_HEIGHT = 440;

function maxStageHeight(): number {
  return Math.max(MIN_STAGE_HEIGHT, window.innerHeight - RESERVED_HEIGHT);
}

/** The review editor: the frame with its regions, transport and tools, the track list and the timeline. */
export function Editor({
  analysis,
  editDoc,
  readOnly = false,
  trim,
  onTrim,
  redaction = DEFAULT_REDACTION,
}: Props) {
  const { t, lang } = useI18n();
  const { doc } = editDoc;
  const fps = safeFps(analysis.info.averageFps);
  const view = useEditorView(doc.frameCount);
  const { frameIndex } = view;
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const size = fitStage(doc, width, maxStageHeight());

  const wish: FrameWish | null =
    size.width > 0
      ? {
          frameIndex,
          timestampUs: frameMidpointUs(analysis.frames, frameIndex, fps),
          maxWidth: Math.round(
            size.width * (window.devicePixelRatio || 1) * pictureScale(view.zoom, 1 / size.scale),
          ),
          cover: view.mosaic ? coveredBoxesOnFrame(doc, frameIndex) : null,
          settings: redaction,
        }
      : null;
  const frame = useFrameBitmap(wish, analysis.file);
  useEffect(() => {
    performance.mark('garim:editor:mounted');
  }, []);
  const playback = usePlayback({
    frameIndex,
    frameCount: doc.frameCount,
    fps,
    seek: view.seek,
    isBusy: frame.isBusy,
  });
  const { picture: preview, prefetch } = useStoredPreview(
    analysis.project,
    frameIndex,
    frame.shown?.frameIndex,
    !playback.playing,
  );
  const { setSeekListener } = view;
  useEffect(() => {
    setSeekListener(playback.playing ? null : prefetch);
  }, [setSeekListener, playback.playing, prefetch]);
  const follow = useFollowRegion(
    { file: analysis.file, frames: analysis.frames, fps },
    doc,
    editDoc.dispatch,
  );
  const trimHandlers = {
    setIn: () => onTrim?.(withIn(trim, frameIndex, doc.frameCount)),
    setOut: () => onTrim?.(withOut(trim, frameIndex)),
  };
  const actions = useEditorActions(view, editDoc, playback, follow, readOnly, trimHandlers);
  useShortcuts(actions.run);

  const { pause } = playback;
  const { seek, select } = view;
  const goTo = useCallback(
    (f: number) => {
      pause();
      seek(f);
    },
    [pause, seek],
  );
  const pick = useCallback(
    (trackId: number, f: number) => {
      goTo(f);
      select(trackId);
    },
    [goTo, select],
  );
  const selection = withExisting(view.selection, (id) => findTrack(doc, id) !== undefined);
  const selectedId = selection.primary;
  const commit = (trackId: number, box: StageBox) =>
    actions.commitBox(trackId, toVideoBox(box, size.scale));
  const drawn = (box: StageBox) => actions.addRegion(toVideoBox(box, size.scale));
  const shown = frame.shown;
  const regions = regionsOnFrame(doc, frameIndex);
  const loading =
    !playback.playing && (shown?.frameIndex !== frameIndex || shown.mosaic !== view.mosaic);

  return (
    <div className="editor">
      <div className="editor__main">
        <div className="editor__left">
          <Toolbar
            playing={playback.playing}
            mosaic={view.mosaic}
            drawing={view.drawing}
            hasSelection={selectedId !== null}
            canMerge={selection.ids.length >= 2}
            readOnly={readOnly}
            canUndo={editDoc.canUndo}
            canRedo={editDoc.canRedo}
            keepVisible={regions.find((r) => r.track.id === selectedId)?.track.keepVisible ?? null}
            zoom={view.zoom.scale}
            onRun={actions.run}
          />
          <FollowControls
            follow={follow}
            canTrack={
              !readOnly &&
              regions.some((r) => r.track.id === selectedId && r.track.class === MANUAL)
            }
            onRun={actions.run}
          />
          <StagePanel
            containerRef={ref}
            size={size}
            frameIndex={frameIndex}
            shown={shown}
            preview={preview}
            failed={frame.failed}
            loading={loading}
            mosaic={view.mosaic}
            padding={redaction.padding}
            regions={regions}
            selectedId={selectedId}
            drawing={view.drawing}
            zoom={view.zoom}
            onZoom={view.setZoom}
            readOnly={readOnly}
            onSelect={select}
            onCommit={commit}
            onDrawn={drawn}
          />
          <p className="editor__position" aria-live="off">
            {t('editor.frame')} {formatNumber(lang, frameIndex + 1)} /{' '}
            {formatNumber(lang, doc.frameCount)} · {formatTimecode(frameIndex / fps)}
            {view.notice && <span className="editor__status"> — {t(view.notice)}</span>}
          </p>
        </div>
        <div className="editor__side">
          <FrameRegionList
            frameIndex={frameIndex}
            regions={regions}
            selectedId={selectedId}
            readOnly={readOnly}
            onSelect={select}
            onEdit={editDoc.dispatch}
          />
          <TrackList
            doc={doc}
            thumbnailSource={{
              file: analysis.file,
              frames: analysis.frames,
              fps,
              previews: analysis.project,
            }}
            thumbnailsReady={frame.shown !== null || frame.failed}
            fps={fps}
            selection={selection}
            readOnly={readOnly}
            onSelect={select}
            onToggleSelect={view.toggleSelect}
            onSelectRange={view.extendSelect}
            onGoTo={goTo}
            onEdit={editDoc.dispatch}
          />
        </div>
      </div>
      <ThumbnailStrip source={analysis.project} frameCount={doc.frameCount} onSeek={goTo} />
      <TrimControls
        trim={trim}
        fps={fps}
        readOnly={readOnly || !onTrim}
        onRun={actions.run}
        onReset={() => onTrim?.(undefined)}
      />
      <Timeline
        doc={doc}
        frameIndex={frameIndex}
        selectedId={selectedId}
        onSeek={goTo}
        onPick={pick}
        trim={trim}
      />
      {view.help && <HelpOverlay onClose={() => view.setHelp(false)} />}
    </div>
  );
}
