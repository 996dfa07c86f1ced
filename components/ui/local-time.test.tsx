import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LocalTime } from './local-time';

describe('a local time', () => {
  it('is left empty by the server, so its text cannot differ from the browser’s (review D12)', () => {
    const html = renderToString(<LocalTime date={new Date(Date.now() - 5 * 60_000)} format="short" />);
    expect(html).toMatch(/<time dateTime="[^"]+"><\/time>/);
  });

  it('is written by the browser', () => {
    render(<LocalTime date={new Date(Date.now() - 5 * 60_000).toISOString()} format="short" />);
    expect(screen.getByText('5 min').tagName).toBe('TIME');
  });
});
