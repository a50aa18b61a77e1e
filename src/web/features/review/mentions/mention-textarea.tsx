import { Box, Group, Paper, Popover, Text, Textarea, type TextareaProps } from '@mantine/core';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MentionablePerson } from '../types';
import {
  findMentionQuery,
  insertMention,
  rankMentionCandidates,
  type MentionQuery,
} from './mention-query';

type Props = Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  /** Who may be picked; empty or missing: no list opens. */
  people?: readonly MentionablePerson[];
  'data-testid'?: string;
};

/**
 * A textarea that offers people to @mention while one is being typed: ↑/↓ move, Enter or Tab
 * pick, Esc closes. The pick is written as `@handle` (domain/mentions.ts), so what is sent is
 * plain text the server understands.
 */
export function MentionTextarea({ value, onChange, people, onKeyDown, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  // Esc closes the list for the "@" it was open for; typing another one opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const caretAfter = useRef<number | null>(null);

  const matches = useMemo(
    () => (mention && people?.length ? rankMentionCandidates(people, mention.query) : []),
    [mention, people],
  );
  const open = mention !== null && mention.start !== dismissedAt && matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  // Put the caret after an inserted mention once React has written the new value.
  useLayoutEffect(() => {
    const at = caretAfter.current;
    if (at === null || !ref.current) return;
    caretAfter.current = null;
    ref.current.setSelectionRange(at, at);
  }, [value]);

  const track = (el: HTMLTextAreaElement) => {
    const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : null;
    const next = caret === null ? null : findMentionQuery(el.value, caret);
    if (mention?.start !== next?.start || mention?.query !== next?.query) setActive(0);
    setMention(next);
    if (next?.start !== dismissedAt) setDismissedAt(null);
  };

  const pick = (person: MentionablePerson) => {
    const el = ref.current;
    if (!el || !mention) return;
    const out = insertMention(value, mention, el.selectionStart, person.handle);
    caretAfter.current = out.caret;
    setMention(null);
    onChange(out.text);
  };

  return (
    <Popover
      opened={open}
      position="bottom-start"
      offset={4}
      withinPortal
      trapFocus={false}
      returnFocus={false}
      closeOnEscape={false}
      shadow="md"
      width={340}
    >
      <Popover.Target>
        <Textarea
          {...rest}
          ref={ref}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget);
          }}
          onKeyUp={(e) => {
            // The caret moved without typing (arrows, Home/End): the mention may have changed.
            if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) track(e.currentTarget);
          }}
          onClick={(e) => track(e.currentTarget)}
          onBlur={() => setMention(null)}
          onKeyDown={(e) => {
            if (open && !e.nativeEvent.isComposing) {
              const pickKey = (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey;
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setActive((activeIndex + step + matches.length) % matches.length);
                return;
              }
              if (pickKey && !e.shiftKey) {
                e.preventDefault();
                pick(matches[activeIndex]!);
                return;
              }
              if (e.key === 'Escape') {
                // Only the list closes, not a dialog the composer sits in.
                e.preventDefault();
                e.stopPropagation();
                setDismissedAt(mention.start);
                return;
              }
            }
            onKeyDown?.(e);
          }}
          aria-autocomplete="list"
          aria-expanded={open}
        />
      </Popover.Target>
      <Popover.Dropdown p={4}>
        <Paper role="listbox" aria-label="People to mention" data-testid="mention-list">
          {matches.map((p, i) => (
            <Box
              key={p.id}
              role="option"
              aria-selected={i === activeIndex}
              px={8}
              py={4}
              style={{
                borderRadius: 4,
                cursor: 'pointer',
                background: i === activeIndex ? 'var(--mantine-color-blue-light)' : undefined,
              }}
              // Keep the focus (and the caret) in the textarea.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(p)}
              data-testid="mention-option"
              data-handle={p.handle}
              data-active={i === activeIndex || undefined}
            >
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="sm" truncate>
                  {p.name || p.handle}
                </Text>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  @{p.handle}
                  {p.isExternal ? ' · client' : ''}
                </Text>
              </Group>
            </Box>
          ))}
        </Paper>
      </Popover.Dropdown>
    </Popover>
  );
}
