import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { videoBox } from '../regions/geometry.ts';
import { exportRegionsCsv, regionsCsv } from './csv.ts';
import { writeFrameBatch } from './frames.ts';
import { createProject } from './projects.ts';
import type { StoredTrack } from './records.ts';
import { saveTracks } from './tracks.ts';
import { frameAt, freshDb, sampleMedia, sampleSettings, videoFile } from './test-fixtures.ts';

const tracks: StoredTrack[] = [
  {
    id: 2,
    class: 'plate',
    keepVisible: false,
    keyframes: [],
    points: [{ frameIndex: 1, box: videoBox(1, 2, 3, 4), score: 0.5, source: 'detected' }],
  },
  {
    id: 1,
    class: 'face',
    keepVisible: false,
    keyframes: [],
    points: [
      { frameIndex: 1, box: videoBox(10.126, 20, 30, 40), score: 0.9, source: 'interpolated' },
      { frameIndex: 0, box: videoBox(10, 20, 30, 40), score: 0.9, source: 'edited' },
    ],
  },
  {
    id: 3,
    class: 'face',
    keepVisible: true,
    keyframes: [],
    points: [{ frameIndex: 0, box: videoBox(0, 0, 5, 5), score: 0.8, source: 'detected' }],
  },
];

describe('regions CSV', () => {
  it('has the header and one row per covered point, by frame then track', () => {
    const csv = regionsCsv(
      tracks,
      new Map([
        [0, 0],
        [1, 33_333],
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      'frameIndex,timestampUs,trackId,class,x,y,w,h,source',
      '0,0,1,face,10,20,30,40,edited',
      '1,33333,1,face,10.13,20,30,40,interpolated',
      '1,33333,2,plate,1,2,3,4,detected',
      '',
    ]);
  });

  it('lists kept-visible tracks only when asked; unknown timestamps stay empty', () => {
    const csv = regionsCsv(tracks, new Map(), { includeKeptVisible: true });
    expect(csv).toContain('\r\n0,,3,face,0,0,5,5,detected\r\n');
  });

  it('is built from a stored project (timestamps from its frames)', async () => {
    const db = await freshDb();
    const file = videoFile();
    const { id } = await createProject(db, { file, media: sampleMedia, settings: sampleSettings });
    await writeFrameBatch(db, id, [frameAt(0), frameAt(1)]);
    await saveTracks(db, id, tracks);
    const { csv, problems } = await exportRegionsCsv(db, id);
    expect(problems).toEqual([]);
    expect(csv.split('\r\n')[2]).toBe('1,33333,1,face,10.13,20,30,40,interpolated');
  });
});
