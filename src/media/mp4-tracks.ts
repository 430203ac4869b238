/**
 * The tracks an MP4/MOV file lists in its `moov` box, as its boxes name them: the handler (`hdlr`: vide,
 * soun, meta, text, sbtl, tmcd …) and the first sample entry's format (`stsd`: avc1, mp4a, gpmd, camm,
 * tmcd, tx3g …). mediabunny reads only pictures and sound, so data tracks — GoPro telemetry (GPMF, `gpmd`),
 * Google's camera motion metadata (`camm`), Apple's timed metadata (`mebx`), timecode, subtitles — are
 * found here, to be shown before export (which never copies them).
 */
import { boxSize } from './mp4-dates.ts';

export type BoxTrack = { handler: string; format: string };

type Box = { type: string; start: number; end: number };

/** The boxes directly inside `[start, end)` of `bytes`: their type and where their content lies. */
export function childBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    const size = boxSize(view, offset, end);
    const header = view.getUint32(offset) === 1 ? 16 : 8;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    boxes.push({ type, start: offset + header, end: Math.min(end, offset + size) });
    offset += size;
  }
  return boxes;
}

const child = (bytes: Uint8Array, box: Box | undefined, type: string): Box | undefined =>
  box && childBoxes(bytes, box.start, box.end).find((b) => b.type === type);

const fourCc = (bytes: Uint8Array, at: number): string =>
  at + 4 <= bytes.length ? String.fromCharCode(...bytes.subarray(at, at + 4)) : '';

/** Every track of a `moov` box's content (`bytes` = the whole moov box). */
export function listMoovTracks(moov: Uint8Array): BoxTrack[] {
  const root = childBoxes(moov, 0, moov.length).find((b) => b.type === 'moov');
  if (!root) return [];
  return childBoxes(moov, root.start, root.end)
    .filter((b) => b.type === 'trak')
    .map((trak) => {
      const mdia = child(moov, trak, 'mdia');
      const hdlr = child(moov, mdia, 'hdlr');
      // hdlr: version/flags (4), pre_defined (4), handler_type (4).
      const handler = hdlr ? fourCc(moov, hdlr.start + 8) : '';
      const stsd = child(moov, child(moov, child(moov, mdia, 'minf'), 'stbl'), 'stsd');
      // stsd: version/flags (4), entry_count (4), then the first entry: size (4), format (4).
      const format = stsd ? fourCc(moov, stsd.start + 12) : '';
      return { handler, format };
    });
}

/** The file's whole `moov` box, found by reading only box headers (it may sit at the end). */
export async function readMoov(file: Blob): Promise<Uint8Array | undefined> {
  let offset = 0;
  while (offset + 8 <= file.size) {
    const head = new Uint8Array(await file.slice(offset, offset + 16).arrayBuffer());
    if (head.length < 8) return undefined;
    const size = boxSize(new DataView(head.buffer), 0, file.size - offset);
    if (fourCc(head, 4) === 'moov') {
      return new Uint8Array(await file.slice(offset, offset + size).arrayBuffer());
    }
    offset += size;
  }
  return undefined;
}
