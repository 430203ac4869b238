import { useRef, useState, type DragEvent } from 'react';
import { useI18n } from '../ui/i18n.tsx';

type Props = { onFile: (file: File) => void; disabled: boolean };

export function DropZone({ onFile, disabled }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
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
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p className="muted">{t('supported')}</p>
    </section>
  );
}
