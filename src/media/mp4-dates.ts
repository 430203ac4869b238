/**
 * The MP4 muxer stamps the moment of export into the movie, track and media headers (mvhd, tkhd, mdhd creation
 * and modification times) and has no option to leave them out. An exported file should say nothing about
 * when or where it was made, so the stamps are set to zero (ISO BMFF: "unknown") in the finished file.
 */

/** Boxes whose children are boxes, on the way from the file's top level to the three headers. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia']);
/** Full boxes that start with creation_time and modification_time (32-bit in version 0, 64-bit in 1). */
const DATED = new Set(['mvhd', 'tkhd', 'mdhd']);

/** Zeroes every creation/modification time in `mp4` (in place); returns how many headers it cleared. */
export function clearMp4Dates(mp4: Uint8Array): number {
  return clearIn(mp4, new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength), 0, mp4.length);
}

function clearIn(bytes: Uint8Array, view: DataView, start: number, end: number): number {
  let cleared = 0;
  let offset = start;
  while (offset + 8 <= end) {
    const size = boxSize(view, offset, end);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const header = view.getUint32(offset) === 1 ? 16 : 8;
    if (CONTAINERS.has(type)) cleared += clearIn(bytes, view, offset + header, offset + size);
    if (DATED.has(type)) {
      const version = view.getUint8(offset + header);
      const fields = offset + header + 4;
      bytes.fill(0, fields, fields + (version === 1 ? 16 : 8));
      cleared++;
    }
    offset += size;
  }
  return cleared;
}

/** A box's size in bytes (size 0 = to the end; 1 = a 64-bit size follows the type). */
export function boxSize(view: DataView, offset: number, end: number): number {
  const size = view.getUint32(offset);
  if (size === 0) return end - offset;
  if (size === 1) return Number(view.getBigUint64(offset + 8));
  if (size < 8) throw new RangeError(`Broken MP4 box at byte ${offset}`);
  return size;
}
