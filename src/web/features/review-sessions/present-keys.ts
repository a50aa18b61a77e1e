/**
 * Present mode's keyboard: which key does what. Pure, so it can be tested without a browser.
 */
export type PresentAction = 'previous' | 'next' | 'approve' | 'changes' | 'note' | 'help' | 'leave';

const KEYS: Record<string, PresentAction> = {
  ArrowLeft: 'previous',
  k: 'previous',
  K: 'previous',
  ArrowRight: 'next',
  j: 'next',
  J: 'next',
  a: 'approve',
  A: 'approve',
  c: 'changes',
  C: 'changes',
  n: 'note',
  N: 'note',
  '?': 'help',
  Escape: 'leave',
};

/** For the help overlay: one line per action, in the order people learn them. */
export const PRESENT_SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ['←', 'K'], label: 'Previous item' },
  { keys: ['→', 'J'], label: 'Next item' },
  { keys: ['A'], label: 'Approve' },
  { keys: ['C'], label: 'Request changes (and write the note)' },
  { keys: ['N'], label: 'Write a note' },
  { keys: ['?'], label: 'Show or hide these shortcuts' },
  { keys: ['Esc'], label: 'Leave the note, close this help, or leave present mode' },
];

export interface KeyContext {
  /** Typing in the note (or another field): only Escape counts, to leave the field. */
  isTyping: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press, or null when the key is not ours here. */
export function presentAction(key: string, context: KeyContext): PresentAction | null {
  if (context.ctrlKey || context.metaKey || context.altKey) return null;
  const action = KEYS[key] ?? null;
  if (context.isTyping && action !== 'leave') return null;
  return action;
}
