import type { JobPlan } from '../job/job-plan.ts';
import { formatMb, formatNumber } from '../ui/format.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatMessage } from '../ui/icu.ts';
import { formatDuration, type MessageKey } from '../ui/messages.ts';

const MODE_LABEL: Record<JobPlan['mode'], MessageKey> = {
  fast: 'detailFast',
  balanced: 'detailBalanced',
  thorough: 'detailThorough',
};

function storageKey(plan: JobPlan): MessageKey {
  if (plan.verdict === 'too-big') return 'plan.storageTooBig';
  if (plan.verdict === 'unknown') return 'plan.storageUnknown';
  return 'plan.storage';
}

/**
 * What the job will cost, stated before analysis starts (and kept while it runs, or beside the refusal): the
 * estimated analysis time and the storage its project needs against what is free. A polite live region, so a
 * screen reader hears it once.
 */
export function JobPlanNote({ plan }: { plan: JobPlan }) {
  const { t, lang } = useI18n();
  const time = formatMessage(lang, t('plan.estimate'), {
    time: formatDuration(lang, Math.max(1, plan.analysisSec)),
    frames: formatNumber(lang, plan.frames),
    mode: t(MODE_LABEL[plan.mode]),
    backend: plan.backend === 'webgpu' ? 'WebGPU' : 'WASM',
  });
  const storage = formatMessage(lang, t(storageKey(plan)), {
    needed: formatMb(lang, plan.neededBytes),
    available: formatMb(lang, plan.availableBytes ?? 0),
    quota: formatMb(lang, plan.quotaBytes ?? 0),
  });
  return (
    <p
      className="job__plan"
      role="status"
      data-testid="job-plan"
      data-frames={plan.frames}
      data-analysis-seconds={Math.round(plan.analysisSec)}
      data-needed-bytes={plan.neededBytes}
      data-verdict={plan.verdict}
    >
      {time} {storage}
    </p>
  );
}
