import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShareLink } from '@/components/sharing/share-requests';
import { ExportDataButton } from './export-data-button';
import { SharedLinks } from './shared-links';

const link = (over: Partial<ShareLink> = {}): ShareLink => ({
  id: crypto.randomUUID(),
  url: `http://hearth.test/share/${'a'.repeat(43)}`,
  conversation_id: crypto.randomUUID(),
  title: 'Evening chat',
  companion_name: 'Marcus',
  shows_name: false,
  message_count: 4,
  created_at: '2026-12-06T10:00:00.000Z',
  ...over,
});

/** fetch answering each call in turn, recording what was asked. */
function fetchAnswering(...answers: (() => Response)[]) {
  const calls: { url: string; method: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET' });
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected fetch ${url}`);
      return answer();
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the shared links in Settings', () => {
  it('lists every live link with its conversation, and turns one off after a confirmation', async () => {
    const first = link({ title: 'Evening chat' });
    const second = link({
      title: 'Trip plans',
      companion_name: 'Lucía',
      url: `http://hearth.test/share/${'b'.repeat(43)}`,
    });
    const calls = fetchAnswering(
      () => Response.json({ data: [first, second] }),
      () => new Response(null, { status: 204 }),
    );
    render(<SharedLinks />);
    expect(screen.getByLabelText('Loading shared links')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Shared links' });
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect((screen.getByRole('textbox', { name: 'Link to “Trip plans”' }) as HTMLInputElement).value).toBe(second.url);
    expect(screen.getByText('with Lucía')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Turn off the link to “Evening chat”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Turn off link' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Link to “Evening chat”' })).toBeNull());
    expect(calls.at(-1)).toEqual({ url: `/api/v1/shares/${first.id}`, method: 'DELETE' });
    expect(screen.getByRole('textbox', { name: 'Link to “Trip plans”' })).toBeTruthy();
  });

  it('says how to share when there is nothing yet', async () => {
    fetchAnswering(() => Response.json({ data: [] }));
    render(<SharedLinks />);
    expect(await screen.findByText('No shared links')).toBeTruthy();
  });

  it('says what went wrong and tries again', async () => {
    fetchAnswering(
      () =>
        Response.json(
          { error: { type: 'service_unavailable', message: 'The database is out of reach.' } },
          { status: 503 },
        ),
      () => Response.json({ data: [link()] }),
    );
    render(<SharedLinks />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is out of reach.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Shared links' })).toBeTruthy();
  });
});

describe('the data export button', () => {
  it('is a download of the account export', () => {
    render(<ExportDataButton />);
    const button = screen.getByRole('link', { name: 'Download my data' });
    expect(button.getAttribute('href')).toBe('/api/v1/users/me/export');
    expect(button.hasAttribute('download')).toBe(true);
  });
});
