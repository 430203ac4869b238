import { formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import type { EditorAction } from './shortcuts.ts';
import { keepFocus, ToolButton } from './ToolButton.tsx';

type Props = {
  playing: boolean;
  mosaic: boolean;
  drawing: boolean;
  hasSelection: boolean;
  /** Two or more tracks selected: M can merge them. */
  canMerge: boolean;
  /** Open for editing in another tab: the edit commands are off here. */
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The selected region's keep-visible switch (null: nothing selected). */
  keepVisible: boolean | null;
  /** The stage's magnification (1: the whole picture). */
  zoom: number;
  onRun: (action: EditorAction) => void;
};

/** − / the magnification / + / the whole picture: buttons for what a pinch does on a touch screen. */
function ZoomTools({ zoom, onRun }: { zoom: number; onRun: (action: EditorAction) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="editor-toolbar__group">
      <ToolButton action="zoomOut" icon="⊖" disabled={zoom <= 1} onRun={onRun} testId="zoom-out" />
      <span className="editor-zoom" data-testid="zoom-level">
        <span className="visually-hidden">{t('editor.zoomLevel')} </span>
        {formatNumber(lang, Math.round(zoom * 100))}%
      </span>
      <ToolButton action="zoomIn" icon="⊕" onRun={onRun} testId="zoom-in" />
      <ToolButton
        action="zoomReset"
        icon="⤢"
        disabled={zoom <= 1}
        onRun={onRun}
        testId="zoom-reset"
      />
    </div>
  );
}

/** Transport (play, step), view (mosaic preview, next item to review) and edit commands. */
export function Toolbar({ playing, mosaic, drawing, readOnly, ...props }: Props) {
  const { t } = useI18n();
  const run = props.onRun;
  const hasSelection = props.hasSelection && !readOnly;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('reviewTitle')}>
      <div className="editor-toolbar__group">
        <button
          type="button"
          className="tool tool--play"
          onMouseDown={keepFocus}
          onClick={() => run('togglePlay')}
          aria-pressed={playing}
          title={`${t('editor.play')} (Space)`}
          data-testid="play"
        >
          {playing ? `❚❚ ${t('editor.pauseButton')}` : `▶ ${t('editor.playButton')}`}
        </button>
        <ToolButton action="jumpBack" icon="«" onRun={run} />
        <ToolButton action="stepBack" icon="‹" onRun={run} testId="step-back" />
        <ToolButton action="stepForward" icon="›" onRun={run} testId="step-forward" />
        <ToolButton action="jumpForward" icon="»" onRun={run} />
      </div>
      <div className="editor-toolbar__group">
        <label
          className="tool tool--switch"
          title={`${t('editor.mosaic')} (V)`}
          onMouseDown={keepFocus}
        >
          <input
            type="checkbox"
            checked={mosaic}
            onChange={() => run('toggleMosaic')}
            data-testid="mosaic-toggle"
          />{' '}
          {t('editor.mosaic')}
        </label>
        <ToolButton action="nextReview" icon="⚑" wide onRun={run} testId="next-review" />
      </div>
      <div className="editor-toolbar__group">
        <ToolButton
          action="newRegion"
          icon="+"
          wide
          pressed={drawing}
          disabled={readOnly}
          onRun={run}
          testId="new-region"
        />
        <ToolButton
          action="newEllipse"
          icon="◯"
          pressed={drawing}
          disabled={readOnly}
          onRun={run}
          testId="new-ellipse"
        />
        <ToolButton
          action="merge"
          icon="⧉"
          disabled={!props.canMerge || readOnly}
          onRun={run}
          testId="merge"
        />
        <ToolButton
          action="keyframe"
          icon="◆"
          disabled={!hasSelection}
          onRun={run}
          testId="keyframe"
        />
        <ToolButton action="split" icon="✂" disabled={!hasSelection} onRun={run} testId="split" />
        <ToolButton
          action="deleteBox"
          icon="⌫"
          disabled={!hasSelection}
          onRun={run}
          testId="delete-box"
        />
        <ToolButton
          action="keepVisible"
          icon="◐"
          label="editor.keepVisibleButton"
          wide
          pressed={hasSelection ? props.keepVisible === true : undefined}
          disabled={!hasSelection || props.keepVisible === null}
          onRun={run}
          testId="keep-visible"
        />
        <ToolButton
          action="undo"
          icon="↶"
          disabled={!props.canUndo || readOnly}
          onRun={run}
          testId="undo"
        />
        <ToolButton
          action="redo"
          icon="↷"
          disabled={!props.canRedo || readOnly}
          onRun={run}
          testId="redo"
        />
        <ToolButton action="help" icon="?" onRun={run} testId="help" />
      </div>
      <ZoomTools zoom={props.zoom} onRun={run} />
    </div>
  );
}
