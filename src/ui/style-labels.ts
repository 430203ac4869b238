import type { CoverStyle } from '../regions/types.ts';
import type { MessageKey } from './messages.ts';

/** Each cover style's name, as the review screen and the track list show it. */
export const STYLE_LABEL: Record<CoverStyle, MessageKey> = {
  mosaic: 'style.mosaic',
  solid: 'style.solid',
  blur: 'style.blur',
};
