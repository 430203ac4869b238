import type { StageProgress } from '../media/types.ts';
import { useI18n } from '../ui/i18n.tsx';
import { STAGE_LABEL } from './JobProgress.tsx';
import type { MessageKey } from '../ui/messages.ts';

const PHASE: Record<string, MessageKey | undefined> = {
  review: 'reviewTitle',
  done: 'done',
  cancelled: 'cancelled',
};

type Props = { phase: string; stage?: StageProgress['stage'] };

/**
 * One polite live region that is always in the page, so screen readers hear each stage of the job and its
 * end (errors are role=alert). The per-frame numbers are left out: they would be read out every frame.
 */
export function Announcer({ phase, stage }: Props) {
  const { t } = useI18n();
  const key = phase === 'working' && stage ? STAGE_LABEL[stage] : PHASE[phase];
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="announcer">
      {key ? t(key) : ''}
    </p>
  );
}
