import type { MouseEvent } from 'react';
import { useI18n } from '../ui/i18n.tsx';
import type { MessageKey } from '../ui/messages.ts';
import { SHORTCUTS, type EditorAction } from './shortcuts.ts';

type Props = {
  action: EditorAction;
  onRun: (action: EditorAction) => void;
  icon: string;
  /** The name, for an action without a shortcut (otherwise the shortcut's label). */
  label?: MessageKey;
  /** Show the words beside the icon (otherwise they are the tooltip and accessible name only). */
  wide?: boolean;
  disabled?: boolean;
  pressed?: boolean;
  testId?: string;
};

/**
 * Clicking a tool must not take the keyboard focus: Space would then press that tool again instead of
 * playing. Keyboard users still reach every tool with Tab.
 */
export function keepFocus(e: MouseEvent): void {
  e.preventDefault();
}

/** A toolbar button for one editor action; its tooltip names the action and its shortcut. */
export function ToolButton({
  action,
  onRun,
  icon,
  wide,
  disabled,
  pressed,
  testId,
  ...text
}: Props) {
  const { t } = useI18n();
  const shortcut = SHORTCUTS.find((s) => s.action === action);
  const named = text.label ?? shortcut?.label;
  const label = named ? t(named) : action;
  const title = shortcut ? `${label} (${shortcut.keys})` : label;
  return (
    <button
      type="button"
      className="tool"
      title={title}
      aria-label={wide ? undefined : label}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={keepFocus}
      onClick={() => onRun(action)}
      data-testid={testId}
    >
      <span aria-hidden={!wide}>{icon}</span>
      {wide && <span className="tool__words">{label}</span>}
    </button>
  );
}
