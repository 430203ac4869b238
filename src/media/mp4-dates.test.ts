import { describe, expect, it } from 'vitest';
import { clearMp4Dates } from './mp4-dates.ts';

/** A box: 32-bit size, four-letter type, payload. */
function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(
    [...type].map((c) => c.charCodeAt(0)),
    4,
  );
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A full box of `version` whose creation and modification times are 0xAB bytes, then 4 bytes of 0x11. */
function dated(type: string, version: 0 | 1): Uint8Array {
  const times = version === 1 ? 16 : 8;
  const payload = new Uint8Array(4 + times + 4).fill(0xab);
  payload.fill(0, 0, 4);
  payload[0] = version;
  payload.fill(0x11, 4 + times);
  return box(type, payload);
}

describe('clearMp4Dates', () => {
  it('zeroes the times of mvhd, tkhd and mdhd (v0 and v1) and nothing else', () => {
    const file = concat(
      box('ftyp', new Uint8Array([1, 2, 3, 4])),
      box(
        'moov',
        dated('mvhd', 0),
        box(
          'trak',
          dated('tkhd', 1),
          box('mdia', dated('mdhd', 0), box('hdlr', new Uint8Array(4).fill(0xab))),
        ),
      ),
      box('mdat', new Uint8Array(16).fill(0xab)),
    );
    const before = file.slice();
    expect(clearMp4Dates(file)).toBe(3);
    const changed = [...file.keys()].filter((i) => file[i] !== before[i]);
    expect(changed.every((i) => before[i] === 0xab && file[i] === 0)).toBe(true);
    expect(changed).toHaveLength(8 + 16 + 8);
    // Payload after the times, the handler and the media data are untouched.
    expect(file.filter((b) => b === 0x11)).toHaveLength(12);
    expect(file.slice(-16).every((b) => b === 0xab)).toBe(true);
  });
  it('refuses a broken box size instead of looping', () => {
    const broken = box('moov', new Uint8Array(8));
    new DataView(broken.buffer).setUint32(8, 3);
    expect(() => clearMp4Dates(broken)).toThrow(RangeError);
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
