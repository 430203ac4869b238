import { describe, expect, it } from 'vitest';
import {
  categorize,
  categorizeTag,
  metadataItems,
  technicalTags,
  userDataText,
} from './metadata.ts';

describe('categorize', () => {
  it.each([
    ['com.apple.quicktime.location.ISO6709', 'location'],
    ['location-eng', 'location'],
    ['©xyz', 'location'],
    ['loci', 'location'],
    ['com.apple.quicktime.make', 'device'],
    ['com.apple.quicktime.model', 'device'],
    ['©mak', 'device'],
    ['com.android.serial', 'device'],
    ['com.apple.quicktime.creationdate', 'time'],
    ['creation_time', 'time'],
    ['©day', 'time'],
    ['©ART', 'people'],
    ['title', 'people'],
    ['com.apple.quicktime.software', 'software'],
    ['©swr', 'software'],
    ['encoder', 'software'],
    ['com.apple.quicktime.full-frame-rate-playback-intent', 'technical'],
    ['com.android.capture.fps', 'technical'],
    ['major_brand', 'technical'],
  ])('%s is %s', (key, category) => {
    expect(categorize(key)).toBe(category);
  });
});

describe('categorizeTag', () => {
  it('judges an unknown name by its value: coordinates and dates are never technical', () => {
    expect(
      categorizeTag('xx.where', '+37.5665+126.9780+038.000/', '+37.5665+126.9780+038.000/'),
    ).toBe('location');
    expect(categorizeTag('xx.shot', '2024:05:01 09:30:00', '2024:05:01 09:30:00')).toBe('time');
    const when = new Date('2024-05-01T09:30:00Z');
    expect(categorizeTag('xx', when, when.toISOString())).toBe('time');
    expect(categorizeTag('xx.fps', '59.94', '59.94')).toBe('technical');
  });
});

describe('userDataText', () => {
  it('reads a QuickTime user-data string (length, language, text)', () => {
    const text = new TextEncoder().encode('+37.5665+126.9780/');
    const bytes = new Uint8Array([0, text.length, 0x15, 0xc7, ...text]);
    expect(userDataText('©xyz', bytes)).toBe('+37.5665+126.9780/');
  });
  it('shows other binary values by size only', () => {
    expect(userDataText('loci', new Uint8Array(30))).toBe('(30 bytes)');
    expect(userDataText('©xyz', new Uint8Array([0, 200, 0, 0, 1]))).toBe('(5 bytes)');
  });
});

describe('metadataItems and technicalTags', () => {
  const items = metadataItems({
    raw: {
      major_brand: 'qt  ',
      'com.apple.quicktime.model': 'iPhone 15 Pro',
      'com.apple.quicktime.full-frame-rate-playback-intent': '1',
      when: '2024-05-01T09:30:00.000Z',
      picture: { data: new Uint8Array(4) },
    },
    images: [{ data: new Uint8Array(4), mimeType: 'image/jpeg', kind: 'coverFront' }],
  });
  it('lists every readable tag with its category, and attached images', () => {
    expect(items).toEqual([
      { key: 'major_brand', value: 'qt  ', category: 'technical' },
      { key: 'com.apple.quicktime.model', value: 'iPhone 15 Pro', category: 'device' },
      {
        key: 'com.apple.quicktime.full-frame-rate-playback-intent',
        value: '1',
        category: 'technical',
      },
      { key: 'when', value: '2024-05-01T09:30:00.000Z', category: 'time' },
      { key: 'images', value: '1', category: 'people' },
    ]);
  });
  it('keeps only technical tags, and not the ones the muxer writes itself', () => {
    expect(technicalTags(items)).toEqual({
      'com.apple.quicktime.full-frame-rate-playback-intent': '1',
    });
  });
});
