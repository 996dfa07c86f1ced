import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendJson, startLoopback, type LoopbackRequest } from '@/components/testing/loopback';
import { PersonaRowActions } from './persona-row-actions';
import { recordingRouter } from './testing/recording-router';

const ID = '5f0c1c9e-7d4b-4a8e-9a55-0d3c2b1a0f01';
const received: LoopbackRequest[] = [];
let api: Awaited<ReturnType<typeof startLoopback>>;
beforeAll(async () => {
  api = await startLoopback((request, res) => {
    received.push(request);
    sendJson(res, 200, { persona: { id: ID } });
  });
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${api.origin}/admin/personas`);
});
afterAll(() => api.close());

describe('persona row actions', () => {
  it('are named icon buttons, and archive only after the app dialog says yes (never window.confirm)', async () => {
    const confirm = vi.fn(() => true);
    window.confirm = confirm;
    const router = recordingRouter();
    render(<PersonaRowActions id={ID} name="Juniper" archived={false} published />, { wrapper: router.wrapper });
    expect(screen.getAllByRole('button', { hidden: false }).map((b) => b.getAttribute('aria-label'))).toEqual(
      expect.arrayContaining(['Unpublish Juniper', 'Duplicate Juniper', 'Archive Juniper']),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Archive Juniper' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive Juniper?' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect((dialog as HTMLDialogElement).open).toBe(false));
    expect(received).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Archive Juniper' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(router.visits).toEqual(['refresh']));
    expect(received.map((r) => [r.method, r.path, JSON.parse(r.body).action])).toEqual([
      ['POST', `/api/admin/personas/${ID}/actions`, 'archive'],
    ]);
    expect(confirm).not.toHaveBeenCalled();
  });
});
