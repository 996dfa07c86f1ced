import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock, languageOf } from './code-block';

type HastNode = {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
};

function textOfNode(node: HastNode): string {
  return node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOfNode).join('');
}

// react-markdown never renders raw HTML (no rehype-raw) and drops javascript: links, so model
// output cannot run script in the page.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  pre: ({ node }) => {
    const code = (node?.children as HastNode[] | undefined)?.find((child) => child.tagName === 'code');
    const className = code?.properties?.className;
    const classes = Array.isArray(className) ? className.join(' ') : undefined;
    // The fence's text ends with the newline before the closing fence; the block does not show it.
    return <CodeBlock code={code ? textOfNode(code).replace(/\n$/, '') : ''} language={languageOf(classes)} />;
  },
};

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-chat">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
