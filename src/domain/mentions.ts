/**
 * @mentions in comment text. A person's handle is the part of their e-mail address before the
 * "@", compared case-insensitively: jane.doe@agency.com is `@jane.doe` (or `@Jane.Doe`).
 */

/** Characters an e-mail local part may use here (the usual, unquoted ones). */
const HANDLE_CHAR = /[A-Za-z0-9._%+-]/;
const MENTION = /@([A-Za-z0-9._%+-]+)/g;

/** Longest local part RFC 5321 allows; anything longer cannot be anybody's handle. */
export const MAX_HANDLE_LENGTH = 64;

/** The handle of an e-mail address, as parseMentions returns it. */
export function handleOf(email: string): string {
  const at = email.lastIndexOf('@');
  return (at < 0 ? email : email.slice(0, at)).toLowerCase();
}

/**
 * Blanks out Markdown code (fenced blocks and inline spans) so `@decorator` in a snippet is not a
 * mention. Same length out as in, so nothing else shifts.
 */
function withoutCode(content: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return content
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank);
}

/**
 * The distinct handles mentioned in `content`, lower-cased, in order of first appearance.
 * Not mentions: e-mail addresses (`jane@agency.com`, the "@" follows a handle character),
 * `\@jane` (escaped), `@jane@agency.com` (an address, not a handle) and anything inside code.
 * A trailing full stop ends a sentence, not the handle (`thanks @jane.` → `jane`).
 */
export function parseMentions(content: string): string[] {
  const text = withoutCode(content);
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const start = m.index;
    const before = start > 0 ? text[start - 1]! : '';
    if (before && (HANDLE_CHAR.test(before) || before === '@' || before === '\\')) continue;
    const end = start + m[0].length;
    if (text[end] === '@') continue;
    const handle = m[1]!.replace(/\.+$/, '').toLowerCase();
    // A handle starts with a letter or digit: "@-" or "@." is punctuation, not a person.
    if (/^[a-z0-9]/.test(handle) && handle.length <= MAX_HANDLE_LENGTH) found.add(handle);
  }
  return [...found];
}
