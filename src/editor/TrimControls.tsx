import { formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';
import type { TrimRange } from '../media/trim.ts';
import { SHORTCUTS, type EditorAction } from './shortcuts.ts';
import { formatTimecode } from './timecode.ts';
import { keepFocus } from './ToolButton.tsx';
import type { MessageKey } from '../ui/messages.ts';

type Props = {
  trim: TrimRange | undefined;
  fps: number;
  readOnly: boolean;
  onRun: (action: EditorAction) => void;
  onReset: () => void;
};

type ButtonProps = {
  action: 'setIn' | 'setOut';
  words: MessageKey;
  disabled: boolean;
  onRun: (action: EditorAction) => void;
};

/** "Set in" / "Set out": short words on the button, the full action and its key as the tooltip. */
function TrimButton({ action, words, disabled, onRun }: ButtonProps) {
  const { t } = useI18n();
  const shortcut = SHORTCUTS.find((s) => s.action === action);
  return (
    <button
      type="button"
      className="tool"
      title={shortcut && `${t(shortcut.label)} (${shortcut.keys})`}
      disabled={disabled}
      onMouseDown={keepFocus}
      onClick={() => onRun(action)}
      data-testid={action === 'setIn' ? 'set-in' : 'set-out'}
    >
      {t(words)} {shortcut && <kbd>{shortcut.keys}</kbd>}
    </button>
  );
}

/** The part of the video export keeps: in/out at the playhead (I / O), what is set, and a reset. */
export function TrimControls({ trim, fps, readOnly, onRun, onReset }: Props) {
  const { t, lang } = useI18n();
  const summary = trim
    ? formatMessage(lang, t('editor.trimRange'), {
        in: formatNumber(lang, trim.inFrame + 1),
        out: formatNumber(lang, trim.outFrame + 1),
        count: trim.outFrame - trim.inFrame + 1,
        duration: formatTimecode((trim.outFrame - trim.inFrame + 1) / fps),
      })
    : t('editor.trimWhole');
  return (
    <div className="editor-trim" role="group" aria-label={t('editor.trimReset')}>
      <TrimButton action="setIn" words="editor.setInButton" disabled={readOnly} onRun={onRun} />
      <TrimButton action="setOut" words="editor.setOutButton" disabled={readOnly} onRun={onRun} />
      <button
        type="button"
        className="tool"
        onMouseDown={keepFocus}
        onClick={onReset}
        disabled={readOnly || !trim}
        data-testid="trim-reset"
      >
        {t('editor.trimReset')}
      </button>
      <span className="editor-trim__summary" data-testid="trim-summary">
        {summary}
      </span>
    </div>
  );
}
