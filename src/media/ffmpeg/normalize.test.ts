import { describe, expect, it } from 'vitest';
import { normalizeArgs, repairArgs } from './normalize.ts';

/** The value following `flag`, asserting the flag is present. */
function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  expect(i, `${flag} missing`).toBeGreaterThanOrEqual(0);
  return args[i + 1];
}

describe('normalizeArgs', () => {
  const args = normalizeArgs('in.avi', 'out.mp4', 'copy');

  it('reads the input and writes the output last', () => {
    expect(valueOf(args, '-i')).toBe('in.avi');
    expect(args.at(-1)).toBe('out.mp4');
  });
  it('keeps every frame timestamp (no frame dropping or duplication)', () => {
    expect(valueOf(args, '-fps_mode')).toBe('passthrough');
    expect(args).not.toContain('-r');
    expect(args).not.toContain('-vsync');
  });
  it('drops descriptive metadata', () => {
    expect(valueOf(args, '-map_metadata')).toBe('-1');
  });
  it('encodes H.264 4:2:0 near-lossless and maps first video plus optional audio', () => {
    expect(valueOf(args, '-c:v')).toBe('libx264');
    expect(valueOf(args, '-pix_fmt')).toBe('yuv420p');
    expect(Number(valueOf(args, '-crf'))).toBeLessThanOrEqual(18);
    const maps = args.flatMap((a, i) => (a === '-map' ? [args[i + 1]] : []));
    expect(maps).toEqual(['0:v:0', '0:a:0?']);
  });
  it('copies the audio packets, or encodes AAC when asked (a codec MP4 cannot hold)', () => {
    expect(valueOf(args, '-c:a')).toBe('copy');
    expect(valueOf(normalizeArgs('in.avi', 'out.mp4', 'aac'), '-c:a')).toBe('aac');
  });
  it('cuts odd sides to even ones (H.264 4:2:0 needs them)', () => {
    expect(valueOf(args, '-vf')).toMatch(/^crop=trunc\(iw\/2\)\*2:trunc\(ih\/2\)\*2/);
  });
});

describe('repairArgs', () => {
  const full = repairArgs('in.mp4', 'out.mp4', 'full');
  const sound = repairArgs('in.mp4', 'out.mp4', 'sound');

  it('keeps every frame timestamp and maps the first video and optional sound', () => {
    for (const args of [full, sound]) {
      expect(valueOf(args, '-fps_mode')).toBe('passthrough');
      const maps = args.flatMap((a, i) => (a === '-map' ? [args[i + 1]] : []));
      expect(maps).toEqual(['0:v:0', '0:a:0?']);
      expect(args.at(-1)).toBe('out.mp4');
      expect(valueOf(args, '-map_metadata')).toBe('-1');
    }
  });
  it('decodes past damage: errors are concealed, not fatal', () => {
    expect(valueOf(full, '-err_detect')).toBe('ignore_err');
  });
  it("'full' encodes the picture again; 'sound' copies it", () => {
    expect(valueOf(full, '-c:v')).toBe('libx264');
    expect(valueOf(sound, '-c:v')).toBe('copy');
    expect(sound).not.toContain('-vf');
  });
  it('always encodes the sound again, kept in step with its timestamps', () => {
    for (const args of [full, sound]) {
      expect(valueOf(args, '-c:a')).toBe('aac');
      expect(valueOf(args, '-af')).toMatch(/^aresample=async=1/);
    }
  });
});
