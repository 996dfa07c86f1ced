import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CodeBlock, languageOf } from './code-block';
import { Markdown } from './markdown';
import { readableMarkdown } from './readable-markdown';

const FENCED = 'Try this:\n\n```python\ndef greet(name):\n    return f"Hi {name}"\n```\n';

describe('code blocks', () => {
  it('take their language from the fence', () => {
    expect(languageOf('language-python')).toBe('python');
    expect(languageOf('foo language-TS')).toBe('ts');
    expect(languageOf(undefined)).toBeUndefined();
  });

  it('copy exactly the code, without the fence or its last newline', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<Markdown text={FENCED} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('def greet(name):\n    return f"Hi {name}"');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('are highlighted once the highlighter has loaded, and the text stays the same', async () => {
    const { container } = render(<CodeBlock code={'def greet(name):\n    return name'} language="python" />);
    expect(container.querySelector('code')!.textContent).toBe('def greet(name):\n    return name');
    await waitFor(() => expect(container.querySelector('.hljs-keyword')).not.toBeNull());
    expect(container.querySelector('.hljs-keyword')!.textContent).toBe('def');
    expect(container.querySelector('code')!.textContent).toBe('def greet(name):\n    return name');
  });

  it('stay plain, and escaped, in a language the highlighter does not know', async () => {
    const { container } = render(<CodeBlock code={'<script>alert(1)</script>'} language="brainfuck" />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('code')!.textContent).toBe('<script>alert(1)</script>');
  });
});

describe('markdown before the renderer has loaded (review D13)', () => {
  it('shows no markers', () => {
    expect(readableMarkdown('We could talk about **wellbeing** or _rest_.')).toBe(
      'We could talk about wellbeing or rest.',
    );
    expect(readableMarkdown('# Plan\n- one\n- `two`\n> quoted [link](https://x.y)')).toBe(
      'Plan\n• one\n• two\nquoted link',
    );
    expect(readableMarkdown(FENCED)).not.toContain('```');
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(readableMarkdown('use snake_case_names and 2 * 3 * 4')).toBe('use snake_case_names and 2 * 3 * 4');
  });
});
