import { formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import type { EditorAction } from './shortcuts.ts';
import { keepFocus } from './ToolButton.tsx';
import { followStopMessage, type FollowState } from './use-follow-region.ts';

type Props = {
  follow: FollowState;
  /** A drawn region is selected and has a box on this frame. */
  canTrack: boolean;
  onRun: (action: EditorAction) => void;
};

/** "Track forward / backward" for the selected drawn region, its progress with Stop, and how it ended. */
export function FollowControls({ follow, canTrack, onRun }: Props) {
  const { t, lang } = useI18n();
  const { progress, outcome } = follow;
  const button = (action: 'trackForward' | 'trackBackward', words: string, keys: string) => (
    <button
      type="button"
      className="tool"
      title={`${t(`editor.${action}`)} (${keys})`}
      disabled={!canTrack || progress !== null}
      onMouseDown={keepFocus}
      onClick={() => onRun(action)}
      data-testid={action === 'trackForward' ? 'track-forward' : 'track-backward'}
    >
      {words}
    </button>
  );
  return (
    <div className="editor-follow" data-testid="follow" data-following={progress !== null}>
      {button('trackBackward', `◀ ${t('editor.trackBackwardButton')}`, 'Shift+T')}
      {button('trackForward', `${t('editor.trackForwardButton')} ▶`, 'T')}
      {progress && (
        <>
          <progress max={progress.total} value={progress.done} aria-label={t('editor.following')} />
          <span className="muted">
            {t('editor.following')} {formatNumber(lang, progress.done)} /{' '}
            {formatNumber(lang, progress.total)}
          </span>
          <button
            type="button"
            onMouseDown={keepFocus}
            onClick={follow.cancel}
            data-testid="follow-cancel"
          >
            {t('editor.followCancel')}
          </button>
        </>
      )}
      {!progress && outcome && (
        <span
          className="editor__status"
          role="status"
          data-testid="follow-outcome"
          data-stop={outcome.stop}
          data-frames={outcome.frames}
        >
          {formatNumber(lang, outcome.frames)} {t('editor.followedFrames')} —{' '}
          {t(followStopMessage(outcome.stop))}
        </span>
      )}
    </div>
  );
}
