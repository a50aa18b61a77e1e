import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from '../../src/domain/slug';

describe('slugify', () => {
  it.each([
    ['Spring Hero (EU)', 'spring-hero-eu'],
    ['Acme', 'acme'],
    ['  Leading and trailing  ', 'leading-and-trailing'],
    ['--a--b--', 'a-b'],
    ['a_b.c/d', 'a-b-c-d'],
    ['Q3 2025 — Launch!', 'q3-2025-launch'],
    ['MiXeD CaSe', 'mixed-case'],
    ['123', '123'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('strips accents', () => {
    expect(slugify('Crème brûlée')).toBe('creme-brulee');
    expect(slugify('Ĳssel Çağ')).toBe('ijssel-cag');
    expect(slugify('İstanbul')).toBe('istanbul');
  });

  it('transliterates letters that do not decompose', () => {
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Ærø')).toBe('aero');
    expect(slugify('Łódź')).toBe('lodz');
    expect(slugify('Œuvre')).toBe('oeuvre');
  });

  it('folds compatibility characters (ligatures, circled digits)', () => {
    expect(slugify('ﬁle ①')).toBe('file-1');
  });

  it('returns an empty string when nothing is left', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ???')).toBe('');
    expect(slugify('日本')).toBe('');
  });

  it('caps the length at 80 without leaving a trailing hyphen', () => {
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(SLUG_PATTERN);
    const edge = slugify(`${'x'.repeat(79)} y`);
    expect(edge).toBe('x'.repeat(79));
    expect(edge).toMatch(SLUG_PATTERN);
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(80));
  });

  it('always produces something SLUG_PATTERN accepts (or nothing)', () => {
    const samples = [
      'Spring Hero (EU)',
      ' - ',
      'a--b',
      'x'.repeat(79) + '-y',
      'Ærø Straße',
      '_a_',
      'Ünïcödé 42',
    ];
    for (const s of samples) {
      const out = slugify(s);
      if (out) expect(out).toMatch(SLUG_PATTERN);
    }
  });

  it('is idempotent', () => {
    for (const s of ['Spring Hero (EU)', 'Crème brûlée', 'a--b'])
      expect(slugify(slugify(s))).toBe(slugify(s));
  });
});

describe('SLUG_PATTERN', () => {
  it.each(['a', 'abc', 'a-b', 'a1-b2-c3', '2025'])('accepts %j', (s) =>
    expect(SLUG_PATTERN.test(s)).toBe(true),
  );
  it.each(['', '-a', 'a-', 'a--b', 'A', 'a b', 'a_b', 'é', 'a.b'])('refuses %j', (s) =>
    expect(SLUG_PATTERN.test(s)).toBe(false),
  );
});
