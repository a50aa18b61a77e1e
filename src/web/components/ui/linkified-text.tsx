import { Anchor } from '@mantine/core';
import { Fragment } from 'react';

function sameOrigin(url: string): boolean {
  try {
    return new URL(url).origin === window.location.origin;
  } catch {
    return false;
  }
}

const URL_RE = /(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])/g;

/**
 * Plain text with http(s) URLs turned into links; preserves line breaks. Links to this app open
 * in the same tab, others in a new one.
 */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Anchor
            key={i}
            href={part}
            inherit
            {...(sameOrigin(part) ? {} : { target: '_blank', rel: 'noreferrer noopener' })}
            style={{ wordBreak: 'break-all' }}
          >
            {part}
          </Anchor>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
