import { describe, expect, it } from 'vitest';
import { presentAction } from '../../src/web/features/review-sessions/present-keys';

describe('present mode keys', () => {
  const idle = { isTyping: false };
  it('maps arrows and J/K to moving, A/C/N to deciding, ? and Esc', () => {
    expect(presentAction('ArrowLeft', idle)).toBe('previous');
    expect(presentAction('k', idle)).toBe('previous');
    expect(presentAction('ArrowRight', idle)).toBe('next');
    expect(presentAction('J', idle)).toBe('next');
    expect(presentAction('a', idle)).toBe('approve');
    expect(presentAction('C', idle)).toBe('changes');
    expect(presentAction('n', idle)).toBe('note');
    expect(presentAction('?', idle)).toBe('help');
    expect(presentAction('Escape', idle)).toBe('leave');
    expect(presentAction('x', idle)).toBeNull();
  });

  it('leaves typing alone except Escape, and ignores modifier combinations', () => {
    const typing = { isTyping: true };
    expect(presentAction('a', typing)).toBeNull();
    expect(presentAction('ArrowLeft', typing)).toBeNull();
    expect(presentAction('Escape', typing)).toBe('leave');
    expect(presentAction('a', { isTyping: false, ctrlKey: true })).toBeNull();
    expect(presentAction('c', { isTyping: false, metaKey: true })).toBeNull();
  });
});
