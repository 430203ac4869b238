import { useRef, useState, type DragEvent } from 'react';
import { useI18n } from '../ui/i18n.tsx';

/** `onFiles`: the files chosen or dropped, at least one (several make a batch: app/use-queue.ts). */
type Props = { onFiles: (files: File[]) => void; disabled: boolean };

export function DropZone({ onFiles, disabled }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0 && !disabled) onFiles(files);
  };

  return (
    <section
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-disabled={disabled}
    >
      <p className="dropzone__title">{t('dropHere')}</p>
      <p>{t('orChoose')}</p>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {t('chooseFile')}
      </button>
      <input
        ref={input}
        type="file"
        accept="video/*,.mkv,.avi,.mov"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <p className="muted">{t('supported')}</p>
    </section>
  );
}
