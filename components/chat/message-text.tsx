'use client';

import { Fragment, lazy, memo, Suspense, useEffect } from 'react';
import { hasMarkdownSyntax, plainParagraphs } from '@/lib/markdown-syntax';
import { readableMarkdown } from './readable-markdown';

let markdownModule: Promise<typeof import('./markdown')> | undefined;
/** The markdown renderer's chunk, fetched once, on first need. */
const loadMarkdown = () => (markdownModule ??= import('./markdown'));
const Markdown = lazy(() => loadMarkdown().then((module) => ({ default: module.Markdown })));

/** Text without markdown syntax, as the markdown renderer would render it (a newline between blocks too). */
export function PlainText({ text }: { text: string }) {
  return (
    <div className="prose-chat">
      {plainParagraphs(text).map((paragraph, index) => (
        <Fragment key={index}>
          {index > 0 && '\n'}
          <p>{paragraph}</p>
        </Fragment>
      ))}
    </div>
  );
}

/**
 * A reply's text: plain text at once, markdown through the renderer, which loads only when some
 * message needs it. The server renders markdown in full, and hydration keeps that HTML until the
 * renderer has loaded; while a reply streams, the renderer is fetched ahead in case markdown
 * comes. Until it is there (a client navigation, a first reply with markdown) the text shows with
 * its markers taken out, so `**word**` never flashes.
 */
export const MessageText = memo(function MessageText({ text, streaming }: { text: string; streaming: boolean }) {
  useEffect(() => {
    if (streaming) void loadMarkdown();
  }, [streaming]);
  if (!hasMarkdownSyntax(text)) return <PlainText text={text} />;
  return (
    <Suspense fallback={<PlainText text={readableMarkdown(text)} />}>
      <Markdown text={text} />
    </Suspense>
  );
});
