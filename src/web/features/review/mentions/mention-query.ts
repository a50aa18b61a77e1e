/**
 * The pure half of @mention autocomplete: finding the mention being typed at the caret,
 * ranking the people it may name, writing the pick back, and splitting a comment into text
 * and mentions for display. The syntax is domain/mentions.ts's: `@handle`, the handle being
 * the part of someone's e-mail before the "@".
 */
import { MAX_HANDLE_LENGTH, parseMentions } from '../../../../domain/mentions';

/** Characters a handle may use (as in domain/mentions.ts). */
const HANDLE_CHAR = /[A-Za-z0-9._%+-]/;

export interface MentionQuery {
  /** Index of the "@". */
  start: number;
  /** What was typed after the "@" up to the caret (possibly empty). */
  query: string;
}

/**
 * The mention being typed just before `caret`, or null. Like parseMentions, an "@" right after
 * a handle character is an e-mail address (`jane@agency`), and `\@` is escaped.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  let i = caret;
  while (i > 0 && HANDLE_CHAR.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] !== '@') return null;
  const start = i - 1;
  const before = start > 0 ? text[start - 1]! : '';
  if (before && (HANDLE_CHAR.test(before) || before === '@' || before === '\\')) return null;
  const query = text.slice(i, caret);
  if (query.length > MAX_HANDLE_LENGTH) return null;
  return { start, query };
}

export interface MentionCandidate {
  id: string;
  name: string;
  handle: string;
}

/**
 * The people `query` may name, best first: handle or name starting with it, then a word of
 * the name starting with it, then containing it anywhere; alphabetical within each.
 */
export function rankMentionCandidates<T extends MentionCandidate>(
  people: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const q = query.toLowerCase();
  const score = (p: T): number => {
    const handle = p.handle.toLowerCase();
    const name = p.name.toLowerCase();
    if (!q) return 0;
    if (handle.startsWith(q) || name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    if (handle.includes(q) || name.includes(q)) return 2;
    return -1;
  };
  return people
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort(
      (a, b) =>
        a.s - b.s ||
        a.p.name.localeCompare(b.p.name, undefined, { sensitivity: 'base' }) ||
        a.p.handle.localeCompare(b.p.handle),
    )
    .slice(0, limit)
    .map((x) => x.p);
}

/**
 * Writes `@handle` over the mention being typed (from its "@" to the caret, and the rest of a
 * handle the caret sits in), followed by a space at the end of the text. Returns the new text
 * and where the caret goes (past the space that follows, if any).
 */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  handle: string,
): { text: string; caret: number } {
  let end = caret;
  while (end < text.length && HANDLE_CHAR.test(text[end]!)) end++;
  const after = text.slice(end);
  // Whatever follows now is not a handle character, so it already ends the mention; an "@"
  // would make it read as an address.
  const spaced = after === '' || after.startsWith('@') ? ' ' : '';
  const inserted = `@${handle}${spaced}`;
  const next = text.slice(0, mention.start) + inserted + after;
  const skip = !spaced && /^\s/.test(after) ? 1 : 0;
  return { text: next, caret: mention.start + inserted.length + skip };
}

export type MentionSegment = { text: string; handle?: string };

/**
 * `content` cut into plain text and mentions (`handle` set), for highlighting. Only what
 * parseMentions counts as a mention is marked (so not e-mail addresses, escaped `\@`, or code);
 * `known`, when given, narrows that to real people's handles.
 */
export function splitMentions(content: string, known?: ReadonlySet<string>): MentionSegment[] {
  const handles = new Set(parseMentions(content));
  const out: MentionSegment[] = [];
  let last = 0;
  for (const m of content.matchAll(/@([A-Za-z0-9._%+-]+)/g)) {
    const start = m.index;
    const before = start > 0 ? content[start - 1]! : '';
    if (before && (HANDLE_CHAR.test(before) || before === '@' || before === '\\')) continue;
    if (content[start + m[0].length] === '@') continue;
    const raw = m[1]!.replace(/\.+$/, '');
    const handle = raw.toLowerCase();
    if (!handles.has(handle) || (known && !known.has(handle))) continue;
    if (start > last) out.push({ text: content.slice(last, start) });
    out.push({ text: `@${raw}`, handle });
    last = start + 1 + raw.length;
  }
  if (last < content.length) out.push({ text: content.slice(last) });
  return out;
}
