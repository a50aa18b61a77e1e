import { Text } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { splitMentions } from './mention-query';

/**
 * A comment's text with its @mentions highlighted. Every part is a React text node: the
 * content is never parsed as HTML.
 */
export function MentionText({ content, known }: { content: string; known?: ReadonlySet<string> }) {
  const parts = useMemo(() => splitMentions(content, known), [content, known]);
  return parts.map((part, i) =>
    part.handle ? (
      <Text
        key={i}
        span
        inherit
        fw={600}
        c="blue"
        data-testid="comment-mention"
        data-handle={part.handle}
      >
        {part.text}
      </Text>
    ) : (
      <Fragment key={i}>{part.text}</Fragment>
    ),
  );
}
