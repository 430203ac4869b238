/**
 * The regions as CSV (RFC 4180, CRLF line ends, header first): one row per track point, ordered by
 * frame then track. By default only covered tracks are listed (keepVisible tracks are not redacted);
 * pass includeKeptVisible to list every track.
 */
import type { GarimDb } from './db.ts';
import { readFrames } from './frames.ts';
import type { RecordProblem, StoredTrack } from './records.ts';
import { readTracks } from './tracks.ts';

export const REGIONS_CSV_HEADER = [
  'frameIndex',
  'timestampUs',
  'trackId',
  'class',
  'x',
  'y',
  'w',
  'h',
  'source',
] as const;

export type CsvOptions = { includeKeptVisible?: boolean };

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type Row = { frameIndex: number; trackId: number; cells: string };

/** `timestampsUs` maps frameIndex → the frame's timestamp; a frame missing there gets an empty cell. */
export function regionsCsv(
  tracks: readonly StoredTrack[],
  timestampsUs: ReadonlyMap<number, number>,
  options: CsvOptions = {},
): string {
  const rows: Row[] = [];
  for (const track of tracks) {
    if (track.keepVisible && !options.includeKeptVisible) continue;
    for (const p of track.points) {
      const { x, y, w, h } = p.box;
      const values = [
        p.frameIndex,
        timestampsUs.get(p.frameIndex),
        track.id,
        track.class,
        x,
        y,
        w,
        h,
      ];
      const cells = [...values, p.source].map(cell).join(',');
      rows.push({ frameIndex: p.frameIndex, trackId: track.id, cells });
    }
  }
  rows.sort((a, b) => a.frameIndex - b.frameIndex || a.trackId - b.trackId);
  return [REGIONS_CSV_HEADER.join(','), ...rows.map((r) => r.cells)].join('\r\n') + '\r\n';
}

/** The CSV for a stored project (timestamps from its frame records), plus damaged records left out. */
export async function exportRegionsCsv(
  db: GarimDb,
  projectId: string,
  options: CsvOptions = {},
): Promise<{ csv: string; problems: RecordProblem[] }> {
  const tracks = await readTracks(db, projectId);
  const frames = await readFrames(db, projectId);
  const timestampsUs = new Map(frames.items.map((f) => [f.frameIndex, f.timestampUs]));
  const csv = regionsCsv(tracks.items, timestampsUs, options);
  return { csv, problems: [...tracks.problems, ...frames.problems] };
}
