import { describe, expect, it } from 'vitest';
import { handleOf, parseMentions } from '../../src/domain/mentions';

describe('parseMentions', () => {
  it.each([
    ['@jane', ['jane']],
    ['hi @jane.doe, can you look?', ['jane.doe']],
    ['@Jane.Doe and @JANE.DOE are one person', ['jane.doe']],
    ['(@a) [@b] {@c} "@d" \'@e\'', ['a', 'b', 'c', 'd', 'e']],
    ['thanks @jane.', ['jane']],
    ['thanks @jane...', ['jane']],
    ["@jane.doe's idea", ['jane.doe']],
    [
      '@first.last+tag and @under_score and @per%cent',
      ['first.last+tag', 'under_score', 'per%cent'],
    ],
    ['line one\n@x\n\t@y', ['x', 'y']],
    ['@b @a @b', ['b', 'a']],
    ['ping @jane!', ['jane']],
    ['ping @jane?', ['jane']],
    ['ping @jane:', ['jane']],
  ])('%j → %j', (input, expected) => {
    expect(parseMentions(input)).toEqual(expected);
  });

  it('ignores e-mail addresses', () => {
    expect(parseMentions('write to a@b.com or jane.doe@agency.co.uk')).toEqual([]);
    expect(parseMentions('ask @jane@agency.com')).toEqual([]);
    expect(parseMentions('a@b.com and @real')).toEqual(['real']);
  });

  it('ignores escaped, doubled and bare at signs', () => {
    expect(parseMentions('\\@jane')).toEqual([]);
    expect(parseMentions('@@jane')).toEqual([]);
    expect(parseMentions('@ jane, @, @-, @.')).toEqual([]);
  });

  it('ignores inline code spans and fenced code blocks', () => {
    expect(parseMentions('use `@decorator` here, @jane')).toEqual(['jane']);
    expect(parseMentions('``@a ` @b`` then @c')).toEqual(['c']);
    expect(parseMentions('```ts\n@Component()\nclass A {}\n```\nthanks @jane')).toEqual(['jane']);
    expect(parseMentions('~~~\n@inside\n~~~\n@outside')).toEqual(['outside']);
    // An unclosed fence runs to the end, as in Markdown.
    expect(parseMentions('@before\n```\n@after')).toEqual(['before']);
    // An unmatched backtick is just a character.
    expect(parseMentions('a ` @jane')).toEqual(['jane']);
  });

  it('drops handles longer than an e-mail local part can be', () => {
    expect(parseMentions(`@${'a'.repeat(65)}`)).toEqual([]);
    expect(parseMentions(`@${'a'.repeat(64)}`)).toEqual(['a'.repeat(64)]);
  });

  it('treats HTML as text: no tags, no entities decoded', () => {
    expect(parseMentions('<b>@jane</b> &#64;bob')).toEqual(['jane']);
  });

  it('returns nothing for text without mentions', () => {
    expect(parseMentions('')).toEqual([]);
    expect(parseMentions('no mentions here')).toEqual([]);
  });
});

describe('handleOf', () => {
  it('is the lower-cased local part of an e-mail address', () => {
    expect(handleOf('Jane.Doe@Agency.com')).toBe('jane.doe');
    expect(handleOf('client-viewer@acme.test')).toBe('client-viewer');
  });

  it('round-trips with parseMentions', () => {
    for (const email of ['jane.doe@a.com', 'first.last+tag@b.org', 'x_y-z@c.io']) {
      expect(parseMentions(`hi @${handleOf(email)}`)).toEqual([handleOf(email)]);
    }
  });
});
