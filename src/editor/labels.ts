import type { MessageKey } from '../ui/messages.ts';
import type { RegionClass } from '../regions/types.ts';

const CLASS_LABELS: Record<RegionClass, MessageKey> = {
  face: 'classFace',
  plate: 'classPlate',
  manual: 'classManual',
};

export function classLabelKey(cls: RegionClass): MessageKey {
  return CLASS_LABELS[cls];
}
