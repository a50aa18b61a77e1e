import { RE2JS } from 're2js';

/**
 * The inbound filename matcher (PRODUCT.md "Files in and out"): a file name → OMG job number,
 * deliverable slug and optional version, read with a pipeline's pattern or the default one.
 *
 * Patterns are user input, so they run on re2js (a port of RE2): matching is linear in the
 * length of the name whatever the pattern, and features that need backtracking (backreferences,
 * lookaround) are refused when the pattern is compiled. Shared by the server (matching, and
 * validation on save) and the pipeline editor (live feedback), so both say the same thing.
 */

/** Group 1 = OMG job number, group 2 = slug, group 3 (optional) = version. */
export const DEFAULT_FILENAME_PATTERN = '^(\\d+)_([a-z0-9-]+)(?:_v(\\d+))?(?:\\.[a-z0-9]+)?$';

/** Long enough for any sensible naming rule, short enough to read. */
export const FILENAME_PATTERN_MAX_LENGTH = 500;
/** RE2's rough cost measure; the default pattern is ~25. Refuses patterns that blow up. */
const MAX_PROGRAM_SIZE = 5000;
/** Longer names never match (file systems stop at 255 bytes anyway). */
export const FILENAME_MAX_LENGTH = 1000;

export interface CompiledFilenamePattern {
  /** The source, as saved (null for the default). */
  source: string | null;
  regex: RE2JS;
  groupCount: number;
}

export type FilenamePatternCheck =
  { ok: true; pattern: CompiledFilenamePattern } | { ok: false; message: string };

export interface FilenameMatch {
  /** Group 1, trimmed. */
  jobNumber: string;
  /** Group 2, lower-cased (slugs are lower-case). */
  slug: string;
  /** Group 3 as a number, when present and numeric. */
  version: number | null;
  /** Every captured group by position (index 0 = group 1); null where a group did not take part. */
  groups: (string | null)[];
}

/** An empty or blank pattern means "use the default". */
export function normalizeFilenamePattern(pattern: string | null | undefined): string | null {
  const trimmed = pattern?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

const cleanEngineMessage = (message: string) =>
  message
    .replace(/^error parsing regexp:\s*/i, '')
    .split('(?i)')
    .join('')
    .trim();

/**
 * Compiles a pattern (null/blank = the default), case-insensitively, or says in words why it
 * cannot be used: invalid syntax, a feature the linear-time engine does not have, too large,
 * or fewer than the two required capture groups.
 */
export function checkFilenamePattern(pattern: string | null | undefined): FilenamePatternCheck {
  const source = normalizeFilenamePattern(pattern);
  const text = source ?? DEFAULT_FILENAME_PATTERN;
  if (text.length > FILENAME_PATTERN_MAX_LENGTH) {
    return {
      ok: false,
      message: `The pattern is too long (${text.length} characters; at most ${FILENAME_PATTERN_MAX_LENGTH})`,
    };
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(text, RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    const detail = cleanEngineMessage(err instanceof Error ? err.message : String(err));
    const unsupported =
      /unsupported|invalid escape sequence: `\\\d/i.test(detail) || /\(\?<[=!]/.test(text);
    return {
      ok: false,
      message: unsupported
        ? `The pattern uses something the safe pattern engine does not support (backreferences, lookahead and lookbehind are not available): ${detail}`
        : `The pattern is not a valid regular expression: ${detail}`,
    };
  }
  if (regex.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      message: 'The pattern is too complex (its repetitions expand too far); simplify it',
    };
  }
  const groupCount = regex.groupCount();
  if (groupCount < 2) {
    return {
      ok: false,
      message:
        groupCount === 0
          ? 'The pattern needs two capture groups: (1) the OMG job number and (2) the deliverable slug; it has none'
          : 'The pattern needs two capture groups: (1) the OMG job number and (2) the deliverable slug; it has only one',
    };
  }
  return { ok: true, pattern: { source, regex, groupCount } };
}

/** A message when the pattern cannot be saved, else null. */
export function validateFilenamePattern(pattern: string | null | undefined): string | null {
  const check = checkFilenamePattern(pattern);
  return check.ok ? null : check.message;
}

/** Compiles a pattern known to be valid (saved ones were validated); throws otherwise. */
export function compileFilenamePattern(
  pattern: string | null | undefined,
): CompiledFilenamePattern {
  const check = checkFilenamePattern(pattern);
  if (!check.ok) throw new Error(check.message);
  return check.pattern;
}

/** The last path segment: channels may hand over "folder/1234_hero.png". */
export function baseFileName(fileName: string): string {
  const parts = fileName.split(/[/\\]/);
  return (parts[parts.length - 1] ?? '').trim();
}

/**
 * Reads a file name with a compiled pattern (or a pattern source). Null when the name does not
 * match, or when group 1 or 2 captured nothing.
 */
export function matchFilename(
  fileName: string,
  pattern: CompiledFilenamePattern | string | null = null,
): FilenameMatch | null {
  const compiled =
    pattern !== null && typeof pattern === 'object' ? pattern : compileFilenamePattern(pattern);
  const name = baseFileName(fileName);
  if (name.length > FILENAME_MAX_LENGTH) return null;
  const m = compiled.regex.matcher(name);
  if (!m.find()) return null;
  const groups: (string | null)[] = [];
  for (let i = 1; i <= compiled.groupCount; i++) groups.push(m.group(i));
  const jobNumber = groups[0]?.trim() ?? '';
  const slug = groups[1]?.trim().toLowerCase() ?? '';
  if (!jobNumber || !slug) return null;
  const rawVersion = groups[2]?.trim();
  const version = rawVersion && /^\d{1,9}$/.test(rawVersion) ? Number(rawVersion) : null;
  return { jobNumber, slug, version, groups };
}

/** An example name for people, from the identifiers of a deliverable. */
export function exampleFileName(jobNumber: string, slug: string, version?: number): string {
  return `${jobNumber}_${slug}${version !== undefined ? `_v${version}` : ''}.png`;
}

/** What the stage rule needs to know of a stage. */
export interface InboundStageState {
  id: string;
  /** Pipeline order. */
  order: number;
  status: string;
}

/**
 * Which stage an inbound file belongs to (PRODUCT.md lifecycle contract): while a sent version
 * awaits the client, that version's stage; otherwise the deliverable's current stage — the
 * first stage in pipeline order that is IN_PROGRESS or CHANGES_REQUESTED, else the first
 * NOT_STARTED, else the last stage. Null only for a deliverable without stages.
 *
 * One refinement of the written rule: a stage in internal review (IN_REVIEW) counts as current
 * work too, after IN_PROGRESS / CHANGES_REQUESTED; without it a file arriving while Creative
 * is reviewed internally would land on a later, BLOCKED stage.
 */
export function inboundStageFor(
  stages: readonly InboundStageState[],
  awaitingClientStageId: string | null,
): string | null {
  if (awaitingClientStageId && stages.some((s) => s.id === awaitingClientStageId))
    return awaitingClientStageId;
  const ordered = [...stages].sort((a, b) => a.order - b.order);
  const active = ordered.find(
    (s) => s.status === 'IN_PROGRESS' || s.status === 'CHANGES_REQUESTED',
  );
  if (active) return active.id;
  const reviewed = ordered.find((s) => s.status === 'IN_REVIEW');
  if (reviewed) return reviewed.id;
  const next = ordered.find((s) => s.status === 'NOT_STARTED');
  if (next) return next.id;
  return ordered[ordered.length - 1]?.id ?? null;
}
