import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBoxTrack, isoExtraTracks } from './metadata.ts';
import { listMoovTracks, readMoov } from './mp4-tracks.ts';

/** A box: 32-bit size, four-character type, then `content`. */
function box(type: string, ...content: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const size = 8 + content.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(new TextEncoder().encode(type), 4);
  let at = 8;
  for (const c of content) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
const ascii = (s: string) => new TextEncoder().encode(s);
const zeros = (n: number) => new Uint8Array(n);

/** A trak with the given handler and first sample entry (the minimum listMoovTracks reads). */
function trak(handler: string, format: string): Uint8Array {
  const hdlr = box('hdlr', zeros(8), ascii(handler), zeros(12));
  const entry = box(format, zeros(8));
  const stsd = box('stsd', zeros(4), new Uint8Array([0, 0, 0, 1]), entry);
  return box('trak', box('tkhd', zeros(84)), box('mdia', hdlr, box('minf', box('stbl', stsd))));
}

describe('listMoovTracks', () => {
  it("names each track's handler and sample entry", () => {
    const moov = box(
      'moov',
      box('mvhd', zeros(100)),
      trak('vide', 'avc1'),
      trak('soun', 'mp4a'),
      trak('meta', 'gpmd'),
      trak('meta', 'camm'),
      trak('tmcd', 'tmcd'),
      trak('sbtl', 'tx3g'),
    );
    expect(listMoovTracks(moov)).toEqual([
      { handler: 'vide', format: 'avc1' },
      { handler: 'soun', format: 'mp4a' },
      { handler: 'meta', format: 'gpmd' },
      { handler: 'meta', format: 'camm' },
      { handler: 'tmcd', format: 'tmcd' },
      { handler: 'sbtl', format: 'tx3g' },
    ]);
  });

  it('finds the moov box after the media data (moov at the end)', async () => {
    const file = new Blob([
      box('ftyp', ascii('isom')),
      box('mdat', zeros(5000)),
      box('moov', trak('meta', 'gpmd')),
    ]);
    const moov = await readMoov(file);
    expect(moov && listMoovTracks(moov)).toEqual([{ handler: 'meta', format: 'gpmd' }]);
    expect(await readMoov(new Blob([box('ftyp', ascii('isom'))]))).toBeUndefined();
  });
});

describe('describeBoxTrack', () => {
  it('telemetry (GPMF, camm) and Apple timed metadata may hold the location; pictures and sound are not extra', () => {
    expect(describeBoxTrack({ handler: 'meta', format: 'gpmd' })).toEqual({
      kind: 'telemetry',
      codec: 'gpmd',
      mayHoldLocation: true,
    });
    expect(describeBoxTrack({ handler: 'camm', format: 'camm' })?.mayHoldLocation).toBe(true);
    expect(describeBoxTrack({ handler: 'meta', format: 'mebx' })?.kind).toBe('metadata');
    expect(describeBoxTrack({ handler: 'tmcd', format: 'tmcd' })).toEqual({
      kind: 'timecode',
      codec: 'tmcd',
    });
    expect(describeBoxTrack({ handler: 'text', format: 'text' })?.kind).toBe('subtitle');
    expect(describeBoxTrack({ handler: 'sbtl', format: 'tx3g' })?.kind).toBe('subtitle');
    expect(describeBoxTrack({ handler: 'vide', format: 'avc1' })).toBeNull();
    expect(describeBoxTrack({ handler: 'soun', format: 'mp4a' })).toBeNull();
  });
});

describe('isoExtraTracks on a file ffmpeg made', () => {
  it('lists the subtitle, the gpmd telemetry and the timecode track of a MOV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'garim-tracks-'));
    const srt = join(dir, 's.srt');
    execFileSync('sh', ['-c', `printf '1\\n00:00:00,000 --> 00:00:00,500\\nhi\\n\\n' > ${srt}`]);
    const tc = join(dir, 'tc.mp4');
    const out = join(dir, 'out.mov');
    const ff = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
    ff([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=64x48:r=10:d=1',
      '-c:v',
      'libx264',
      '-timecode',
      '00:00:00:00',
      tc,
    ]);
    ff(
      ['-i', tc, '-i', srt, '-map', '0:v', '-map', '1:s', '-map', '0:d', '-c:v', 'copy'].concat([
        '-c:s',
        'mov_text',
        '-c:d',
        'copy',
        '-tag:d',
        'gpmd',
        '-f',
        'mov',
        out,
      ]),
    );
    const tracks = await isoExtraTracks(new Blob([readFileSync(out)]));
    expect(tracks.map((t) => t.kind).sort()).toEqual(['subtitle', 'telemetry', 'timecode']);
    expect(tracks.find((t) => t.kind === 'telemetry')).toEqual({
      kind: 'telemetry',
      codec: 'gpmd',
      mayHoldLocation: true,
    });
  });
});
