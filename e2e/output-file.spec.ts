/**
 * Export streams its output into a file in the origin-private file system (not one buffer in memory), the
 * download reads that file, and the files are cleaned up: kept while a tab shows the result (also when
 * another tab starts), deleted with their project, and swept at start-up once no tab holds them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { makeFacesClip } from './fixtures/make-clips.mjs';
import { probe, videoFrameTimes } from './helpers/media.ts';
import { ImportPage } from './pages/import-page.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

type StoredOutput = { name: string; bytes: number; sha256: string };

/**
 * The files in the app's OPFS outputs folder, with their SHA-256. A file the app deletes while this lists
 * the folder (a project being deleted) is not stored any more: it is left out, not an error.
 */
function storedOutputs(page: Page): Promise<StoredOutput[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('garim-exports', { create: true });
    const found: StoredOutput[] = [];
    const entries = dir as unknown as { keys(): AsyncIterable<string> };
    const bytesNamed = async (name: string): Promise<ArrayBuffer | null> => {
      try {
        return await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer();
      } catch (error) {
        const gone = ['NotFoundError', 'NotReadableError'];
        if (error instanceof DOMException && gone.includes(error.name)) return null;
        throw error;
      }
    };
    for await (const name of entries.keys()) {
      const bytes = await bytesNamed(name);
      if (!bytes) continue;
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      found.push({ name, bytes: bytes.byteLength, sha256: hex });
    }
    return found;
  });
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Offset of the first top-level MP4 box of `type` (walking box sizes from the start), or -1. */
function topLevelBox(mp4: Buffer, type: string): number {
  let offset = 0;
  while (offset + 8 <= mp4.length) {
    const size32 = mp4.readUInt32BE(offset);
    const size = size32 === 1 ? Number(mp4.readBigUInt64BE(offset + 8)) : size32;
    if (mp4.toString('latin1', offset + 4, offset + 8) === type) return offset;
    if (size < 8) return -1;
    offset += size;
  }
  return -1;
}

let context: BrowserContext;
let page: Page;
let app: ImportPage;
let input: string;
let outputPath: string;
let downloaded: Buffer;

test.beforeAll(async ({ browser }, testInfo) => {
  input = makeFacesClip('faces-720p-2s.mp4', 2);
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  app = new ImportPage(page);
  outputPath = testInfo.outputPath('out.mp4');
  await app.processAndDownload(input, outputPath, 180_000);
  downloaded = readFileSync(outputPath);
});

test.afterAll(async () => {
  await context.close();
});

test('the output is streamed to an OPFS file and downloaded from it, header at the end, dates cleared', async () => {
  const stored = await storedOutputs(page);
  expect(stored).toHaveLength(1);
  expect(stored[0]?.bytes).toBe(downloaded.length);
  expect(stored[0]?.sha256).toBe(sha256(downloaded));
  // Streamed: the muxer wrote the media first and the moov at the end (the in-memory path puts it first).
  const mdat = topLevelBox(downloaded, 'mdat');
  const moov = topLevelBox(downloaded, 'moov');
  expect(mdat).toBeGreaterThan(0);
  expect(moov).toBeGreaterThan(mdat);
  // The export-time stamps were cleared in the header written at the end: mvhd, every tkhd and mdhd.
  for (const box of ['mvhd', 'tkhd', 'mdhd']) {
    let at = downloaded.indexOf(box, moov, 'latin1');
    expect(at, box).toBeGreaterThan(moov);
    while (at > 0) {
      const version = downloaded[at + 4];
      const dates = downloaded.subarray(at + 8, at + 8 + (version === 1 ? 16 : 8));
      expect([...dates], `${box} at ${at}`).toEqual(new Array(dates.length).fill(0));
      at = downloaded.indexOf(box, at + 4, 'latin1');
    }
  }
  // A whole, playable video: every input frame, and the sound.
  const framesIn = videoFrameTimes(input);
  expect(videoFrameTimes(outputPath)).toHaveLength(framesIn.length);
  expect(probe(outputPath).audio?.codec_name).toBe('aac');
});

test('a second tab starting up keeps the output the first one shows', async () => {
  const before = await storedOutputs(page);
  const other = await context.newPage();
  await new ImportPage(other).goto();
  // The start-up sweep has run in the new tab (it deletes nothing it may not): wait for it to settle.
  await other.waitForTimeout(1000);
  expect(await storedOutputs(page)).toEqual(before);
  await other.close();
  // And the download still works from the first tab.
  const again = test.info().outputPath('again.mp4');
  await app.download(again);
  expect(sha256(readFileSync(again))).toBe(before[0]?.sha256);
});

test('deleting the project deletes its output; a reload sweeps what no tab holds', async () => {
  await page.getByTestId('start-over').click();
  await expect(app.app).toHaveAttribute('data-state', 'idle');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('delete-project').first().click();
  await expect.poll(() => storedOutputs(page)).toEqual([]);

  // A left-over (a tab closed while showing its result): made here by a new export, then a reload.
  await app.process(input, 180_000);
  expect(await storedOutputs(page)).toHaveLength(1);
  await page.reload();
  await app.goto();
  await expect.poll(() => storedOutputs(page)).toEqual([]);
});
