import { describe, expect, it } from 'vitest';
import { parseMentions } from '../../../../domain/mentions';
import {
  findMentionQuery,
  insertMention,
  rankMentionCandidates,
  splitMentions,
} from './mention-query';

describe('findMentionQuery', () => {
  it('finds the mention being typed at the caret', () => {
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(findMentionQuery('hi @ja', 6)).toEqual({ start: 3, query: 'ja' });
    expect(findMentionQuery('hi @jane.d', 10)).toEqual({ start: 3, query: 'jane.d' });
    expect(findMentionQuery('(@ja', 4)).toEqual({ start: 1, query: 'ja' });
    expect(findMentionQuery('line\n@ja', 8)).toEqual({ start: 5, query: 'ja' });
  });

  it('only looks up to the caret', () => {
    expect(findMentionQuery('hi @jane and', 6)).toEqual({ start: 3, query: 'ja' });
  });

  it('ignores e-mail addresses, escaped @ and finished mentions', () => {
    expect(findMentionQuery('mail jane@ag', 12)).toBeNull();
    expect(findMentionQuery('\\@ja', 4)).toBeNull();
    expect(findMentionQuery('@@ja', 4)).toBeNull();
    expect(findMentionQuery('hi @jane ', 9)).toBeNull();
    expect(findMentionQuery('no mention', 10)).toBeNull();
    expect(findMentionQuery('', 0)).toBeNull();
  });

  it('gives up on something too long to be a handle', () => {
    expect(findMentionQuery(`@${'a'.repeat(65)}`, 66)).toBeNull();
  });
});

describe('rankMentionCandidates', () => {
  const people = [
    { id: '1', name: 'Pat Producer', handle: 'producer' },
    { id: '2', name: 'Ann Artist', handle: 'artist' },
    { id: '3', name: 'Jane Doe', handle: 'jane.doe' },
    { id: '4', name: 'Bob Paterson', handle: 'bob' },
  ];
  const ids = (q: string) => rankMentionCandidates(people, q).map((p) => p.id);

  it('lists everyone alphabetically for an empty query', () => {
    expect(ids('')).toEqual(['2', '4', '3', '1']);
  });

  it('ranks prefixes of handle or name, then name words, then anything containing it', () => {
    expect(ids('pat')).toEqual(['1', '4']);
    expect(ids('do')).toEqual(['3']);
    expect(ids('TIST')).toEqual(['2']);
    expect(ids('zz')).toEqual([]);
  });

  it('caps the list', () => {
    expect(rankMentionCandidates(people, '', 2)).toHaveLength(2);
  });
});

describe('insertMention', () => {
  it('writes @handle and a space over what was typed, and puts the caret after it', () => {
    const text = 'hi @ja';
    const q = findMentionQuery(text, 6)!;
    const out = insertMention(text, q, 6, 'jane.doe');
    expect(out).toEqual({ text: 'hi @jane.doe ', caret: 13 });
    expect(parseMentions(out.text)).toEqual(['jane.doe']);
  });

  it('replaces the rest of a handle the caret is in and keeps the space that follows', () => {
    const text = 'hi @jaXX there';
    const q = findMentionQuery(text, 6)!;
    expect(insertMention(text, q, 6, 'jane.doe')).toEqual({
      text: 'hi @jane.doe there',
      caret: 13,
    });
  });

  it('leaves following punctuation as it is', () => {
    const text = '@p, please';
    const q = findMentionQuery(text, 2)!;
    const out = insertMention(text, q, 2, 'producer');
    expect(out).toEqual({ text: '@producer, please', caret: 9 });
    expect(parseMentions(out.text)).toEqual(['producer']);
  });
});

describe('splitMentions', () => {
  it('cuts text into plain parts and mentions', () => {
    expect(splitMentions('thanks @Jane.Doe. and @bob!')).toEqual([
      { text: 'thanks ' },
      { text: '@Jane.Doe', handle: 'jane.doe' },
      { text: '. and ' },
      { text: '@bob', handle: 'bob' },
      { text: '!' },
    ]);
  });

  it('leaves e-mail addresses, escapes and code alone', () => {
    const text = 'mail jane@agency.com, \\@bob, `@decorator` and @ann';
    const parts = splitMentions(text);
    expect(parts.filter((p) => p.handle).map((p) => p.handle)).toEqual(['ann']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('marks only known handles when given', () => {
    expect(splitMentions('@ann @nobody', new Set(['ann']))).toEqual([
      { text: '@ann', handle: 'ann' },
      { text: ' @nobody' },
    ]);
  });

  it('returns the text whole when there is no mention', () => {
    expect(splitMentions('plain')).toEqual([{ text: 'plain' }]);
    expect(splitMentions('')).toEqual([]);
  });
});
