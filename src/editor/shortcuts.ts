/**
 * The editor's keyboard shortcuts, declared in one table (excalidraw's `keyTest` next to each action) that
 * both the key handler and the help overlay read. Letters match `event.code`, so they work whatever the
 * keyboard layout or input method (a Korean IME reports 'ㅜ' as the key for N).
 */
import type { MessageKey } from '../ui/messages.ts';

export type EditorAction =
  | 'togglePlay'
  | 'stepBack'
  | 'stepForward'
  | 'jumpBack'
  | 'jumpForward'
  | 'nextReview'
  | 'toggleMosaic'
  | 'newRegion'
  | 'newEllipse'
  | 'merge'
  | 'trackForward'
  | 'trackBackward'
  | 'deleteBox'
  | 'deleteTrack'
  | 'keyframe'
  | 'removeKeyframe'
  | 'split'
  | 'undo'
  | 'redo'
  | 'setIn'
  | 'setOut'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'keepVisible'
  | 'help'
  | 'escape';

/** The actions that change the project: refused where this tab only looks (open for editing elsewhere). */
export const EDIT_ACTIONS: ReadonlySet<EditorAction> = new Set<EditorAction>([
  'newRegion',
  'newEllipse',
  'merge',
  'trackForward',
  'trackBackward',
  'deleteBox',
  'deleteTrack',
  'keyframe',
  'removeKeyframe',
  'split',
  'undo',
  'redo',
  'setIn',
  'setOut',
  'keepVisible',
]);

type KeyTest = (e: KeyboardEvent) => boolean;
export type Shortcut = { action: EditorAction; keys: string; label: MessageKey; test: KeyTest };

const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const mod = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey;
const letter =
  (code: string, shift: boolean): KeyTest =>
  (e) =>
    plain(e) && e.code === code && e.shiftKey === shift;
const key =
  (name: string, shift: boolean): KeyTest =>
  (e) =>
    plain(e) && e.key === name && e.shiftKey === shift;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'togglePlay',
    keys: 'Space',
    label: 'editor.play',
    test: (e) => plain(e) && e.code === 'Space',
  },
  { action: 'stepBack', keys: '←', label: 'editor.stepBack', test: key('ArrowLeft', false) },
  { action: 'stepForward', keys: '→', label: 'editor.stepForward', test: key('ArrowRight', false) },
  { action: 'jumpBack', keys: 'Shift+←', label: 'editor.jumpBack', test: key('ArrowLeft', true) },
  {
    action: 'jumpForward',
    keys: 'Shift+→',
    label: 'editor.jumpForward',
    test: key('ArrowRight', true),
  },
  { action: 'nextReview', keys: 'R', label: 'editor.nextReview', test: letter('KeyR', false) },
  { action: 'toggleMosaic', keys: 'V', label: 'editor.mosaic', test: letter('KeyV', false) },
  { action: 'newRegion', keys: 'N', label: 'editor.newRegion', test: letter('KeyN', false) },
  { action: 'newEllipse', keys: 'E', label: 'editor.newEllipse', test: letter('KeyE', false) },
  {
    action: 'deleteBox',
    keys: 'Delete',
    label: 'editor.deleteBox',
    test: (e) => plain(e) && !e.shiftKey && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  {
    action: 'deleteTrack',
    keys: 'Shift+Delete',
    label: 'editor.deleteTrack',
    test: (e) => plain(e) && e.shiftKey && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  { action: 'keyframe', keys: 'K', label: 'editor.keyframe', test: letter('KeyK', false) },
  {
    action: 'removeKeyframe',
    keys: 'Shift+K',
    label: 'editor.removeKeyframe',
    test: letter('KeyK', true),
  },
  { action: 'split', keys: 'S', label: 'editor.split', test: letter('KeyS', false) },
  { action: 'merge', keys: 'M', label: 'editor.merge', test: letter('KeyM', false) },
  {
    action: 'trackForward',
    keys: 'T',
    label: 'editor.trackForward',
    test: letter('KeyT', false),
  },
  {
    action: 'trackBackward',
    keys: 'Shift+T',
    label: 'editor.trackBackward',
    test: letter('KeyT', true),
  },
  { action: 'setIn', keys: 'I', label: 'editor.setIn', test: letter('KeyI', false) },
  { action: 'setOut', keys: 'O', label: 'editor.setOut', test: letter('KeyO', false) },
  {
    action: 'zoomIn',
    keys: '+',
    label: 'editor.zoomIn',
    test: (e) => plain(e) && (e.key === '+' || e.key === '='),
  },
  { action: 'zoomOut', keys: '−', label: 'editor.zoomOut', test: (e) => plain(e) && e.key === '-' },
  {
    action: 'zoomReset',
    keys: '0',
    label: 'editor.zoomReset',
    test: (e) => plain(e) && e.key === '0',
  },
  {
    action: 'undo',
    keys: 'Ctrl+Z',
    label: 'editor.undo',
    test: (e) => mod(e) && e.code === 'KeyZ' && !e.shiftKey,
  },
  {
    action: 'redo',
    keys: 'Ctrl+Shift+Z',
    label: 'editor.redo',
    test: (e) => mod(e) && ((e.code === 'KeyZ' && e.shiftKey) || e.code === 'KeyY'),
  },
  {
    action: 'help',
    keys: '?',
    label: 'editor.help',
    test: (e) => plain(e) && (e.key === '?' || (e.code === 'Slash' && e.shiftKey)),
  },
  { action: 'escape', keys: 'Esc', label: 'editor.escape', test: (e) => e.key === 'Escape' },
];

const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'range',
  'button',
  'submit',
  'reset',
  'color',
  'file',
]);

/** The keys a slider moves with. */
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/**
 * A slider's own keys on a focused slider (the review screen's strength and padding), which would step
 * frames otherwise; the timeline's scrubber leaves them to the frame shortcuts, which do the same.
 */
function isSliderKey(target: HTMLElement, e: KeyboardEvent): boolean {
  if (!(target instanceof HTMLInputElement) || target.type !== 'range') return false;
  return SLIDER_KEYS.has(e.key) && !target.classList.contains('timeline__scrubber');
}

/** True where a key belongs to the focused control: text being typed, or Space/Enter pressing a control. */
export function belongsToControl(e: KeyboardEvent): boolean {
  const target = e.target;
  if (!(target instanceof HTMLElement)) return false;
  if (e.isComposing || target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type)) return true;
  if (isSliderKey(target, e)) return true;
  const pressable =
    target instanceof HTMLButtonElement ||
    (target instanceof HTMLInputElement && target.type !== 'range');
  return pressable && (e.code === 'Space' || e.key === 'Enter');
}

export function actionFor(e: KeyboardEvent): EditorAction | undefined {
  if (belongsToControl(e)) return undefined;
  return SHORTCUTS.find((s) => s.test(e))?.action;
}
