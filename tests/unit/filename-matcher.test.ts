import { describe, expect, it } from 'vitest';
import {
  baseFileName,
  checkFilenamePattern,
  DEFAULT_FILENAME_PATTERN,
  inboundStageFor,
  matchFilename,
  normalizeFilenamePattern,
  validateFilenamePattern,
} from '../../src/domain/filename-matcher';

describe('matchFilename with the default pattern', () => {
  it.each([
    ['1234_hero-banner.png', '1234', 'hero-banner', null],
    ['1234_hero-banner_v2.png', '1234', 'hero-banner', 2],
    ['1234_hero-banner_v12.mp4', '1234', 'hero-banner', 12],
    ['1234_hero-banner', '1234', 'hero-banner', null],
    ['1234_hero-banner_v3', '1234', 'hero-banner', 3],
    ['0042_spring-ad.tif', '0042', 'spring-ad', null],
    // Upper case anywhere: matched case-insensitively, the slug lower-cased.
    ['1234_HERO-BANNER_V2.PNG', '1234', 'hero-banner', 2],
    ['1234_Hero-Banner.Png', '1234', 'hero-banner', null],
    // A folder in front is ignored.
    ['Incoming/2025/1234_hero-banner_v1.png', '1234', 'hero-banner', 1],
    ['C:\\drop\\1234_hero-banner.png', '1234', 'hero-banner', null],
  ])('%j → job %j, slug %j, version %j', (name, job, slug, version) => {
    const m = matchFilename(name);
    expect(m).not.toBeNull();
    expect(m!.jobNumber).toBe(job);
    expect(m!.slug).toBe(slug);
    expect(m!.version).toBe(version);
  });

  it.each([
    'hero-banner.png', // no job number
    '1234-hero-banner.png', // wrong separator
    '1234_hero banner.png', // space in the slug
    '1234_hero_banner.png', // underscore in the slug
    '1234_.png', // empty slug
    '_hero.png',
    'abc_hero.png', // job number not digits
    '1234_hero-banner_vx.png',
    '1234_hero-banner.final.png', // two extensions
    '',
  ])('%j does not match', (name) => {
    expect(matchFilename(name)).toBeNull();
  });

  it('keeps every group by position', () => {
    expect(matchFilename('77_a-b_v5.jpg')!.groups).toEqual(['77', 'a-b', '5']);
    expect(matchFilename('77_a-b.jpg')!.groups).toEqual(['77', 'a-b', null]);
  });
});

describe('matchFilename with custom patterns', () => {
  it.each([
    // job-slug-Vn with hyphens and a prefix
    [
      '^OMG(\\d+)-([a-z0-9_]+?)(?:-V(\\d+))?\\.\\w+$',
      'OMG998-key_visual-V4.psd',
      '998',
      'key_visual',
      4,
    ],
    [
      '^OMG(\\d+)-([a-z0-9_]+?)(?:-V(\\d+))?\\.\\w+$',
      'omg998-KEY_VISUAL.png',
      '998',
      'key_visual',
      null,
    ],
    // slug first, job number second is not possible: groups are positional, so people write
    // the job number group first and use a non-capturing group for the rest.
    ['^([A-Z]{2}\\d{4})__(\\w[\\w-]*)$', 'ab1234__hero', 'ab1234', 'hero', null],
    // named groups are still positional
    [
      '^(?P<job>\\d+)\\s+(?P<slug>[a-z-]+)\\s+v(?P<v>\\d+)',
      '5 hero-cut v7 final.mov',
      '5',
      'hero-cut',
      7,
    ],
    // unanchored patterns find the first match anywhere
    ['(\\d{3,})_([a-z-]+)', 'final 123_hero.png', '123', 'hero', null],
  ])('%s reads %j', (pattern, name, job, slug, version) => {
    expect(validateFilenamePattern(pattern)).toBeNull();
    const m = matchFilename(name, pattern);
    expect(m).toMatchObject({ jobNumber: job, slug, version });
  });

  it('a third group that is not a number gives no version', () => {
    expect(matchFilename('1_hero_final', '^(\\d+)_([a-z]+)_(\\w+)$')).toMatchObject({
      version: null,
      groups: ['1', 'hero', 'final'],
    });
  });

  it('a custom pattern that does not match', () => {
    expect(matchFilename('1234_hero.png', '^OMG(\\d+)-([a-z]+)')).toBeNull();
  });

  it('a blank pattern means the default', () => {
    expect(normalizeFilenamePattern('   ')).toBeNull();
    expect(normalizeFilenamePattern(null)).toBeNull();
    expect(matchFilename('1_a.png', '  ')).toMatchObject({ jobNumber: '1', slug: 'a' });
    const check = checkFilenamePattern('');
    expect(check.ok && check.pattern.source).toBeNull();
  });
});

describe('validateFilenamePattern', () => {
  it('accepts the default', () => {
    expect(validateFilenamePattern(DEFAULT_FILENAME_PATTERN)).toBeNull();
    expect(validateFilenamePattern(null)).toBeNull();
  });

  it.each([
    ['(\\d+)_([a-z]+', /not a valid regular expression.*missing closing \)/],
    ['[z-a](\\d)(\\w)', /not a valid regular expression.*range/],
    ['(\\d+)_(\\w+)_\\1', /does not support.*backreferences/],
    ['(\\d+)_(?=x)(\\w+)', /does not support.*lookahead/],
    ['(\\d+)_(?<!x)(\\w+)', /does not support/],
    ['(\\d{2000})_(\\w+)', /invalid repeat count/],
    ['^\\d+_[a-z]+$', /two capture groups.*has none/],
    ['^(\\d+)_[a-z]+$', /two capture groups.*only one/],
    ['(?:\\d+)_(?:[a-z]+)', /has none/],
    [`(\\d+)_(\\w+)${'x'.repeat(600)}`, /too long/],
    ['((((a{100}){10}){10}))(b)', /too complex|invalid repeat count/],
  ])('refuses %j', (pattern, message) => {
    const error = validateFilenamePattern(pattern);
    expect(error).toMatch(message);
    // The engine's own internals never leak into the message.
    expect(error).not.toContain('(?i)');
  });

  it('runs catastrophic-backtracking patterns in linear time', () => {
    const pattern = '^(\\d+)_((a+)+)$';
    expect(validateFilenamePattern(pattern)).toBeNull();
    const evil = `1_${'a'.repeat(990)}!`; // exponential for a backtracking engine
    const started = performance.now();
    expect(matchFilename(evil, pattern)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('handles very long names', () => {
    const started = performance.now();
    expect(matchFilename(`${'9'.repeat(100_000)}_x.png`)).toBeNull(); // over 1000 characters
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('baseFileName', () => {
  it.each([
    ['a/b/c.png', 'c.png'],
    ['c.png', 'c.png'],
    ['a\\b.png', 'b.png'],
    [' x.png ', 'x.png'],
  ])('%j → %j', (input, out) => expect(baseFileName(input)).toBe(out));
});

describe('inboundStageFor', () => {
  const stages = (...statuses: string[]) =>
    statuses.map((status, i) => ({ id: `s${i + 1}`, order: i, status }));

  it.each([
    [['IN_PROGRESS', 'BLOCKED'], null, 's1'],
    [['APPROVED', 'CHANGES_REQUESTED', 'NOT_STARTED'], null, 's2'],
    [['APPROVED', 'NOT_STARTED', 'IN_PROGRESS'], null, 's3'], // in progress wins over not started
    [['APPROVED', 'NOT_STARTED', 'BLOCKED'], null, 's2'],
    [['DELIVERED', 'APPROVED', 'SKIPPED'], null, 's3'], // all done → the last stage
    [['IN_REVIEW', 'BLOCKED'], null, 's1'], // internal review still counts as current work
    [['IN_REVIEW', 'IN_PROGRESS'], null, 's2'],
    [['APPROVED', 'IN_PROGRESS'], 's1', 's1'], // awaiting the client wins
    [['IN_PROGRESS'], 'gone', 's1'], // an unknown awaiting stage is ignored
  ] as const)('%j (awaiting %j) → %j', (statuses, awaiting, expected) => {
    expect(inboundStageFor(stages(...statuses), awaiting)).toBe(expected);
  });

  it('follows pipeline order, not the order given', () => {
    const s = [
      { id: 'b', order: 2, status: 'NOT_STARTED' },
      { id: 'a', order: 1, status: 'NOT_STARTED' },
    ];
    expect(inboundStageFor(s, null)).toBe('a');
    expect(inboundStageFor([], null)).toBeNull();
  });
});
