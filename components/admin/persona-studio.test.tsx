import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Persona } from '@/lib/personas/queries';
import { DEFAULT_PERSONA, type PersonaFields } from '@/lib/personas/schemas';
import { PersonaStudio, type ModelOption } from './persona-studio';
import { startLoopbackAdminApi } from './testing/loopback-admin-api';
import { recordingRouter } from './testing/recording-router';

const juniperFields: PersonaFields = {
  ...DEFAULT_PERSONA,
  name: 'Juniper',
  slug: 'juniper',
  tagline: 'A gentle gardener.',
  instructions: 'You are Juniper, a calm gardener.',
};
const juniper: Persona = {
  ...juniperFields,
  id: '5f0c1c9e-7d4b-4a8e-9a55-0d3c2b1a0f01',
  avatarUrl: '/api/avatars/juniper.png',
  archivedAt: null,
  updatedAt: '2025-01-01T00:00:00Z',
  version: 3,
};
const models: ModelOption[] = [{ id: 'offline/hearth-demo', name: 'Hearth demo', available: true }];

// The studio saves through the persona routes of a loopback server, at the page's own origin.
let api: Awaited<ReturnType<typeof startLoopbackAdminApi>>;
beforeAll(async () => {
  api = await startLoopbackAdminApi(juniper);
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${api.origin}/admin/personas/new`,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  api.received.length = 0;
});

function renderStudio(persona: Persona | null) {
  const router = recordingRouter();
  render(
    <PersonaStudio
      persona={persona}
      initial={persona ? juniperFields : DEFAULT_PERSONA}
      versions={[]}
      models={models}
    />,
    { wrapper: router.wrapper },
  );
  return router;
}

const input = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
const edit = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const statusLine = () =>
  screen
    .getAllByRole('status')
    .find((element) => element.tagName === 'P' && element.getAttribute('aria-live') === 'polite')!;
const unsaved = () => screen.queryByText('· Unsaved changes');

describe('the persona studio', () => {
  it("checks a new persona inline before sending anything, and clears a field's error as it is fixed", async () => {
    const router = renderStudio(null);
    fireEvent.click(button('Create draft'));

    expect(screen.getByText('A name is required.')).toBeTruthy();
    expect(screen.getByText('A slug is required.')).toBeTruthy();
    expect(input('Name').getAttribute('aria-invalid')).toBe('true');
    expect(statusLine().textContent).toBe('Check the highlighted fields.');
    await waitFor(() => expect(document.activeElement).toBe(input('Name')));

    edit('Name', 'Lucía Marín');
    expect(screen.queryByText('A name is required.')).toBeNull();
    expect(input('Name').getAttribute('aria-invalid')).toBe('false');
    expect(api.received).toEqual([]);
    expect(router.visits).toEqual([]);
  });

  it("lets a new persona's slug follow its name until the slug is edited", () => {
    renderStudio(null);
    edit('Name', 'Lucía Marín');
    expect(input('Slug').value).toBe('lucia-marin');
    expect(screen.getByText('/companions/lucia-marin')).toBeTruthy();
    edit('Slug', 'Night-Owl');
    expect(input('Slug').value).toBe('night-owl');
    edit('Name', 'Lucía');
    expect(input('Slug').value).toBe('night-owl');
  });

  it('creates a draft and moves to its page', async () => {
    const router = renderStudio(null);
    expect(screen.getByText('Not saved yet')).toBeTruthy();
    edit('Name', 'Juniper');
    fireEvent.click(button('Create draft'));
    await waitFor(() => expect(router.visits).toEqual([`replace /admin/personas/${juniper.id}?created=1`]));
    expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual(['POST /api/admin/personas']);
    expect(JSON.parse(api.received[0]!.body)).toMatchObject({
      fields: { name: 'Juniper', slug: 'juniper' },
      baseVersion: null,
    });
    expect(statusLine().textContent).toBe('Saved as version 1.');
  });

  it('knows when a saved persona has unsaved changes, and when they are undone', () => {
    renderStudio(juniper);
    expect(screen.getByText('Version 3')).toBeTruthy();
    expect(unsaved()).toBeNull();
    expect(button('Save').disabled).toBe(true);

    edit('Tagline', 'A gardener who knows every herb.');
    expect(unsaved()).toBeTruthy();
    expect(button('Save').disabled).toBe(false);
    expect(screen.getByText("32/160 · shown on the companion's card")).toBeTruthy();

    edit('Tagline', juniper.tagline);
    expect(unsaved()).toBeNull();
    expect(button('Save').disabled).toBe(true);
  });

  it('saves a change as the next version on top of the one it started from', async () => {
    const router = renderStudio(juniper);
    edit('Tagline', 'A gardener who knows every herb.');
    fireEvent.click(button('Save'));
    await waitFor(() => expect(statusLine().textContent).toBe('Saved as version 4.'));
    expect(screen.getByText('Version 4')).toBeTruthy();
    expect(unsaved()).toBeNull();
    expect(router.visits).toEqual(['refresh']);
    const sent = JSON.parse(api.received[0]!.body);
    expect(sent).toMatchObject({ baseVersion: 3, fields: { tagline: 'A gardener who knows every herb.' } });

    // The next save starts from the version just saved.
    fireEvent.click(button('Publish'));
    await waitFor(() => expect(statusLine().textContent).toBe('Saved as version 5.'));
    expect(JSON.parse(api.received[1]!.body)).toMatchObject({ baseVersion: 4, fields: { visibility: 'published' } });
    expect(button('Unpublish')).toBeTruthy();
    expect(screen.getByText('Published', { selector: 'span' })).toBeTruthy();
  });

  it('shows a refusal from the server beside the field it names, and keeps the changes', async () => {
    renderStudio(juniper);
    edit('Slug', 'lucia');
    expect(screen.getByText('/companions/juniper will redirect here.')).toBeTruthy();
    api.refuseNext({ status: 409, message: 'Another persona already uses this slug.', param: 'fields.slug' });
    fireEvent.click(button('Save'));

    await waitFor(() => expect(statusLine().textContent).toBe('Another persona already uses this slug.'));
    const slug = input('Slug');
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(within(slug.parentElement!).getByRole('alert').textContent).toBe('Another persona already uses this slug.');
    expect(slug.value).toBe('lucia');
    expect(unsaved()).toBeTruthy();
  });

  it("shows the server's publish refusal under the instructions, focused, and stays a draft", async () => {
    renderStudio(juniper);
    const message = 'Add system instructions before publishing: they tell the model who this companion is.';
    api.refuseNext({ status: 400, message, param: 'fields.instructions' });
    fireEvent.click(button('Publish'));

    const instructions = input('System instructions');
    await waitFor(() => expect(instructions.getAttribute('aria-invalid')).toBe('true'));
    expect(within(instructions.parentElement!).getByRole('alert').textContent).toBe(message);
    await waitFor(() => expect(document.activeElement).toBe(instructions));
    expect(JSON.parse(api.received.at(-1)!.body).fields.visibility).toBe('published');
    expect(screen.getByText('Draft')).toBeTruthy();
  });

  it('takes an avatar by its bytes, not its name, and counts it as a change', async () => {
    renderStudio(juniper);
    const file = document.getElementById('avatar-file') as HTMLInputElement;
    const pick = (bytes: Uint8Array, name: string) =>
      fireEvent.change(file, {
        target: { files: [new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'image/png' })] },
      });

    pick(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'fake.png');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Choose a PNG, JPEG or WebP image (this file is none of them).',
    );
    expect(unsaved()).toBeNull();

    // The PNG signature, then whatever follows.
    pick(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'juniper.png');
    await waitFor(() => expect(screen.getByText('PNG, JPEG or WebP, up to 2 MB')).toBeTruthy());
    expect(screen.getByRole('img', { name: 'Portrait of Juniper' }).getAttribute('src')).toMatch(/^blob:/);
    expect(unsaved()).toBeTruthy();
  });

  it("counts the instructions' tokens as they are written", async () => {
    renderStudio(null);
    expect(screen.getByText(/^… tokens · 0\/20,000 characters$/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('System instructions'), {
      target: { value: 'You are Juniper, a calm gardener.' },
    });
    expect(
      await screen.findByText(/^\d+ tokens · 33\/20,000 characters$/, undefined, { timeout: 10_000 }),
    ).toBeTruthy();
  });
});
