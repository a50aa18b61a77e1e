import { useEffect, useRef } from 'react';

/** Keys (KeyboardEvent.key) → action. */
export type Shortcuts = Partial<Record<string, (e: KeyboardEvent) => void>>;

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Keys that the focused control uses itself (a focused button clicks on space, a slider moves
 * with the arrows). Our own media controls are marked `data-global-keys`: on them the
 * shortcuts win, so space still plays after clicking "next frame".
 */
function ownedByTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (TYPING.has(target.tagName) || target.isContentEditable) return true;
  if (target.closest('[data-global-keys]')) return false;
  if (key === ' ' || key === 'Enter') {
    return !!target.closest('button, a[href], [role="button"], [role="checkbox"], [role="tab"]');
  }
  if (key.startsWith('Arrow') || ['Home', 'End', 'PageUp', 'PageDown'].includes(key)) {
    return !!target.closest('[role="slider"]');
  }
  return false;
}

/**
 * Page-wide shortcuts for the viewer and the compare page, ignored while typing in a field or
 * when the focused control handles the key itself; modifier combinations (browser zoom,
 * copy…) are left alone.
 */
export function useShortcuts(shortcuts: Shortcuts, enabled = true) {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const action = ref.current[e.key];
      if (!action || ownedByTarget(e.target, e.key)) return;
      e.preventDefault();
      action(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
