import { useEffect, useState } from 'react';
import type {
  ExtraTrack,
  ExtraTrackKind,
  MetadataCategory,
  MetadataItem,
  SourceMetadata,
} from '../media/metadata.ts';
import {
  encodableFormats,
  OUTPUT_QUALITIES,
  type OutputFormatId,
  type OutputOptions,
  type OutputQuality,
} from '../media/output-options.ts';
import { mediaClient } from '../workers/clients.ts';
import { useI18n } from '../ui/i18n.tsx';
import type { MessageKey } from '../ui/messages.ts';
import { RadioGroup } from '../ui/RadioGroup.tsx';

type Props = {
  value: OutputOptions;
  onChange: (next: OutputOptions) => void;
  /** The shown picture size, to offer only the formats this browser can encode at it. */
  width: number;
  height: number;
};

const FORMAT_LABEL: Record<OutputFormatId, MessageKey> = {
  'mp4-h264': 'output.formatH264',
  'webm-vp9': 'output.formatVp9',
  'mp4-av1': 'output.formatAv1',
};
const QUALITY_LABEL: Record<OutputQuality, MessageKey> = {
  smaller: 'output.qualitySmaller',
  match: 'output.qualityMatch',
  better: 'output.qualityBetter',
};

/** The output formats the browser can encode (H.264 alone until the check answers). */
function useEncodableFormats(width: number, height: number): OutputFormatId[] {
  const [formats, setFormats] = useState<OutputFormatId[]>(['mp4-h264']);
  useEffect(() => {
    let live = true;
    encodableFormats(width, height).then(
      (found) => live && found.length > 0 && setFormats(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [width, height]);
  return formats;
}

/** Container/codec and the one quality-vs-size choice. */
function EncodingChoices({ value, onChange, width, height }: Props) {
  const formats = useEncodableFormats(width, height);
  return (
    <>
      <RadioGroup
        legend="output.format"
        name="output-format"
        options={formats}
        labels={FORMAT_LABEL}
        value={value.format}
        onChange={(format) => onChange({ ...value, format })}
      />
      <RadioGroup
        legend="output.quality"
        name="output-quality"
        options={OUTPUT_QUALITIES}
        labels={QUALITY_LABEL}
        value={value.quality}
        onChange={(quality) => onChange({ ...value, quality })}
      />
    </>
  );
}

const CATEGORY_LABEL: Record<MetadataCategory, MessageKey> = {
  location: 'output.location',
  device: 'output.device',
  time: 'output.time',
  people: 'output.people',
  software: 'output.software',
  technical: 'output.technical',
};
const ORDER: MetadataCategory[] = ['location', 'device', 'time', 'people', 'software', 'technical'];

/** The opened file's metadata, once the media worker has it (null while loading or without a file). */
function useSourceMetadata(): SourceMetadata | null {
  const [metadata, setMetadata] = useState<SourceMetadata | null>(null);
  useEffect(() => {
    let live = true;
    mediaClient.sourceMetadata().then(
      (m) => live && setMetadata(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return metadata;
}

function CategoryRows({ category, items }: { category: MetadataCategory; items: MetadataItem[] }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(CATEGORY_LABEL[category])}</dt>
      {items.map((item) => (
        <dd key={item.key} data-category={category}>
          <code>{item.key}</code>: {item.value}
        </dd>
      ))}
    </>
  );
}

const TRACK_LABEL: Record<ExtraTrackKind, MessageKey> = {
  telemetry: 'output.trackTelemetry',
  metadata: 'output.trackMetadata',
  subtitle: 'output.trackSubtitle',
  timecode: 'output.trackTimecode',
  data: 'output.trackData',
  video: 'output.trackVideo',
  audio: 'output.trackAudio',
};

/** The tracks besides the first picture and sound; telemetry that may record the place is flagged. */
function ExtraTracks({ tracks }: { tracks: ExtraTrack[] }) {
  const { t } = useI18n();
  return (
    <div data-testid="extra-tracks">
      <p>{t('output.extraTracks')}</p>
      <ul className="output-panel__tracks">
        {tracks.map((track, i) => (
          <li key={i} data-kind={track.kind} data-location={track.mayHoldLocation ? 'yes' : 'no'}>
            {t(TRACK_LABEL[track.kind])} (<code>{track.codec}</code>)
            {track.mayHoldLocation && <strong> — {t('output.trackMayHoldLocation')}</strong>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the file carries besides pictures and sound (all of it dropped on export), and the output choices. */
export function OutputPanel(props: Props) {
  const { value, onChange } = props;
  const { t } = useI18n();
  const metadata = useSourceMetadata();
  const items = metadata?.items ?? [];
  const byCategory = ORDER.map((c) => [c, items.filter((i) => i.category === c)] as const).filter(
    ([, list]) => list.length > 0,
  );
  const extra = metadata?.extraTracks ?? [];
  return (
    <section className="output-panel" aria-labelledby="output-title" data-testid="output-panel">
      <h3 id="output-title">{t('output.title')}</h3>
      {metadata && !metadata.readable && <p className="muted">{t('output.unreadable')}</p>}
      {metadata?.readable && items.length === 0 && extra.length === 0 && (
        <p className="muted">{t('output.none')}</p>
      )}
      {byCategory.length > 0 && (
        <dl className="output-panel__tags" data-testid="source-metadata">
          {byCategory.map(([category, list]) => (
            <CategoryRows key={category} category={category} items={list} />
          ))}
        </dl>
      )}
      {extra.length > 0 && <ExtraTracks tracks={extra} />}
      {(items.length > 0 || extra.length > 0) && <p>{t('output.stripped')}</p>}
      <EncodingChoices {...props} />
      <label className="option">
        <input
          type="checkbox"
          checked={value.keepTechnicalTags}
          onChange={(e) => onChange({ ...value, keepTechnicalTags: e.target.checked })}
          data-testid="keep-technical-tags"
        />{' '}
        {t('output.keepTechnical')}
      </label>
      <label className="option">
        <input
          type="checkbox"
          checked={value.removeAudio}
          onChange={(e) => onChange({ ...value, removeAudio: e.target.checked })}
          data-testid="remove-audio"
        />{' '}
        {t('output.removeAudio')}
      </label>
    </section>
  );
}
