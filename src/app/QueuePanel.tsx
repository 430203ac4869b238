import { etaSeconds } from '../media/time.ts';
import { useI18n } from '../ui/i18n.tsx';
import { formatNumber } from '../ui/format.ts';
import { formatMessage } from '../ui/icu.ts';
import { errorMessage, formatDuration, type Lang, type MessageKey } from '../ui/messages.ts';
import type { QueueItem } from './use-queue.ts';

const STATE_LABEL: Record<QueueItem['state'], MessageKey> = {
  waiting: 'queueWaiting',
  analysing: 'queueAnalysing',
  ready: 'queueReady',
  failed: 'queueFailed',
  cancelled: 'queueCancelled',
};

type Props = {
  items: readonly QueueItem[];
  lastSettled: QueueItem | null;
  onReview: (projectId: string) => void;
  onStop: (key: number) => void;
  onRemove: (key: number) => void;
};

/** "45% · 12.3 fps · 0:40 left" for a video being analysed. */
function ProgressLine({ progress }: { progress: NonNullable<QueueItem['progress']> }) {
  const { t, lang } = useI18n();
  const { done, total, rate } = progress;
  const eta = etaSeconds(total - done, rate);
  const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
  return (
    <>
      <progress max={Math.max(1, total)} value={done} aria-hidden="true" />
      <span className="queue__numbers">
        {formatNumber(lang, percent)}% · {formatNumber(lang, rate, 1)} {t('fps')}
        {eta !== undefined && ` · ${formatDuration(lang, eta)} ${t('eta')}`}
      </span>
    </>
  );
}

/** What a video's state offers, each button named with the video (several rows have the same buttons). */
function ItemAction({ item, onReview, onStop, onRemove }: Props & { item: QueueItem }) {
  const { t } = useI18n();
  const button = (label: MessageKey, onClick: () => void, testId: string) => (
    <button
      type="button"
      onClick={onClick}
      aria-label={`${t(label)} · ${item.file.name}`}
      data-testid={testId}
    >
      {t(label)}
    </button>
  );
  const { projectId } = item;
  return (
    <span className="queue__actions">
      {item.state === 'ready' &&
        projectId &&
        button('queueReview', () => onReview(projectId), 'queue-review')}
      {item.state === 'analysing'
        ? button('queueStop', () => onStop(item.key), 'queue-stop')
        : button('queueRemove', () => onRemove(item.key), 'queue-remove')}
    </span>
  );
}

/** What a screen reader is told when a video's analysis ends (its progress is not read out). */
function announcement(item: QueueItem | null, t: (key: MessageKey) => string, lang: Lang): string {
  if (item?.state === 'ready') {
    return formatMessage(lang, t('queueNowReady'), { name: item.file.name });
  }
  if (item?.state === 'failed') return `${item.file.name}: ${t('queueFailed')}`;
  return '';
}

/** The videos of a batch: each one's state, progress, and what can be done with it. */
export function QueuePanel(props: Props) {
  const { t, lang } = useI18n();
  const said = announcement(props.lastSettled, t, lang);
  if (props.items.length === 0) return null;
  return (
    <section className="queue" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">{t('queueTitle')}</h2>
      <p className="muted">{t('queueHint')}</p>
      <ol className="queue__items">
        {props.items.map((item) => (
          <li
            key={item.key}
            className="queue__item"
            data-testid="queue-item"
            data-state={item.state}
          >
            <span className="queue__name">{item.file.name}</span>
            <span className="queue__state">
              {t(STATE_LABEL[item.state])}
              {item.state === 'failed' && item.error && (
                <span className="muted"> · {errorMessage(lang, item.error, '')}</span>
              )}
            </span>
            {item.state === 'analysing' && item.progress && (
              <ProgressLine progress={item.progress} />
            )}
            <ItemAction {...props} item={item} />
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite" data-testid="queue-announcer">
        {said}
      </p>
    </section>
  );
}
