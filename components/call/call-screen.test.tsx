import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, type Language } from '@/lib/languages';
import { CallScreen, type CallScreenProps } from './call-screen';
import { startLoopbackCallApi } from './testing/loopback-call-api';

// The screen talks to the call routes of a loopback server, at the page's own origin.
let api: Awaited<ReturnType<typeof startLoopbackCallApi>>;
beforeAll(async () => {
  api = await startLoopbackCallApi({ durationMs: 61_000 });
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${api.origin}/call/c1`);
});
afterAll(() => api.close());
beforeEach(() => {
  api.received.length = 0;
  api.answerTurnsWith({ events: [] });
});
const hangUps = () => api.received.filter((request) => request.path === '/api/v1/calls/c1/end').length;
// A call still live when its screen goes hangs up with a beacon: it lands before the next test (and the server's end).
afterEach(async () => {
  const live =
    document.querySelector('[data-call-state]')?.getAttribute('data-call-state') !== 'ended' &&
    document.querySelector('[data-call-state]');
  const before = hangUps();
  cleanup();
  if (live) await waitFor(() => expect(hangUps()).toBe(before + 1));
});

const voices = (has: boolean) =>
  Object.fromEntries(LANGUAGES.map((language) => [language, has])) as Record<Language, boolean>;

function props(overrides: Partial<CallScreenProps['call']> = {}, canTranscribe = false): CallScreenProps {
  const now = Date.now();
  return {
    call: {
      id: 'c1',
      conversationId: 'conv1',
      language: 'en-US',
      createdAt: new Date(now - 5_000).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
      ...overrides,
    },
    companion: { name: 'Lucía', ref: 'lucia', avatarUrl: '/avatars/lucia.webp', accentColor: '#c2410c' },
    canTranscribe,
    serverVoices: voices(false),
  };
}

const callScreen = (container: HTMLElement) => container.querySelector<HTMLElement>('[data-call-state]')!;
const status = () => screen.getByRole('status').textContent;

function type(text: string) {
  fireEvent.change(screen.getByLabelText('Message Lucía'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('the call screen', () => {
  it('without speech to text is typed: it says so in product words, never claims to listen, and keeps the microphone off', () => {
    const { container } = render(<CallScreen {...props()} />);
    expect(callScreen(container).dataset).toMatchObject({ callState: 'listening', mic: 'unavailable', turns: '0' });
    expect(status()).toBe('Waiting for your message');
    expect(screen.getByText('Lucía can’t hear you on this server yet, so type below.')).toBeTruthy();
    expect(screen.getByText('Lucía is speaking with your browser’s voice.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mute microphone' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('call-transcript-hint').textContent).toMatch(/^Type below to start talking with Lucía\./);
    const said = container.textContent ?? '';
    expect(said).not.toMatch(/listening/i);
    expect(said).not.toMatch(/_API_KEY|\.env|provider key|GROQ|OPENAI|GEMINI/i);
    // Nobody but an admin is sent to the dashboard.
    expect(screen.queryByRole('link', { name: 'Set up in the dashboard' })).toBeNull();
  });

  it('notes are short and can be dismissed; an admin gets one link to set things up', () => {
    render(<CallScreen {...props()} setupHint />);
    const links = screen.getAllByRole('link', { name: 'Set up in the dashboard' });
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('/admin');
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss note' })[0]!);
    expect(screen.queryByText('Lucía can’t hear you on this server yet, so type below.')).toBeNull();
    expect(screen.getByText(/Lucía is speaking with your browser’s voice\./)).toBeTruthy();
  });

  it('a typed turn: thinking while the reply is on its way, speaking it, then listening again, with its timings', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    api.answerTurnsWith({
      gate,
      events: [
        { type: 'text', delta: 'Very well, ' },
        { type: 'text', delta: 'thanks.' },
        { type: 'speak', index: 0, text: 'Very well, thanks.', language: 'en-US' },
        {
          type: 'timing',
          turn_id: 't1',
          transcript_ms: null,
          first_token_ms: 300,
          first_audio_ms: null,
          total_ms: 900,
        },
        {
          type: 'done',
          turn_id: 't1',
          user_message_id: 'm1',
          assistant_message_id: 'm2',
          status: 'complete',
          error: null,
        },
      ],
    });
    const { container } = render(<CallScreen {...props()} />);
    type('  How are you today?  ');

    await waitFor(() => expect(status()).toBe('Lucía is thinking'));
    const transcript = screen.getByRole('list', { name: 'Transcript' });
    expect(within(transcript).getByText('How are you today?')).toBeTruthy();
    expect((screen.getByLabelText('Message Lucía') as HTMLInputElement).value).toBe('');

    release();
    // Without a voice in this browser, the sentence "plays" silently for its length.
    await waitFor(() =>
      expect(callScreen(container).dataset).toMatchObject({ callState: 'speaking', speaking: 'true', turns: '1' }),
    );
    expect(status()).toBe('Lucía is speaking');
    expect(container.querySelector('[data-line-role="companion"]')?.textContent).toContain('Very well, thanks.');
    await waitFor(
      () => expect(callScreen(container).dataset).toMatchObject({ callState: 'listening', speaking: 'false' }),
      { timeout: 5_000 },
    );

    const turn = api.received.find((request) => request.path === '/api/v1/calls/c1/turns')!;
    expect(turn.contentType).toMatch(/^multipart\/form-data/);
    expect(turn.body).toContain('How are you today?');
    expect(turn.body).toContain('en-US');

    fireEvent.click(
      screen.getByRole('button', {
        name: "300 ms to the last reply's first word, connection good: show each turn's timings",
      }),
    );
    expect(screen.getByRole('heading', { name: 'Latency per turn' })).toBeTruthy();
  });

  it('hanging up ends the call at once and shows the length the server counted', async () => {
    const { container } = render(<CallScreen {...props()} />);
    fireEvent.click(screen.getByRole('button', { name: 'End call' }));

    expect(screen.getByRole('heading', { name: 'Call ended' })).toBeTruthy();
    expect(screen.getByText('You ended the call.')).toBeTruthy();
    expect(callScreen(container).dataset.callState).toBe('ended');
    expect(status()).toBe('Call ended');
    // Said once on screen (the heading; the status is for screen readers), and nothing about typing is left.
    expect(screen.getAllByText('Call ended')).toHaveLength(2);
    expect(screen.getAllByText('Call ended').filter((e) => !e.closest('.sr-only'))).toHaveLength(1);
    expect(container.textContent).not.toMatch(/type below|can’t hear you|browser’s voice/i);
    expect(screen.queryByRole('button', { name: 'End call' })).toBeNull();
    expect(screen.queryByLabelText('Message Lucía')).toBeNull();
    expect(screen.getByLabelText('Call language')).toHaveProperty('disabled', true);
    expect(screen.getByRole('link', { name: 'See the transcript' }).getAttribute('href')).toBe('/chat/conv1');
    expect(screen.getByRole('link', { name: 'Back to Lucía' }).getAttribute('href')).toBe('/companions/lucia');
    await waitFor(() => expect(screen.getByLabelText('Call length').textContent).toBe('01:01'));
    expect(hangUps()).toBe(1);
  });

  it('a call the server has already ended refuses the turn, and the screen ends with its reason', async () => {
    api.answerTurnsWith({ status: 409, message: 'This call has ended.' });
    render(<CallScreen {...props()} />);
    type('Still there?');
    expect(await screen.findByRole('heading', { name: 'Call ended' })).toBeTruthy();
    expect(screen.getByText('This call has ended.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('any other refusal is said in an alert, the turn is taken back, and the call goes on', async () => {
    api.answerTurnsWith({ status: 400, message: 'That message is too long.' });
    render(<CallScreen {...props()} />);
    type('Hello?');
    expect((await screen.findByRole('alert')).textContent).toBe('That message is too long.');
    await waitFor(() => expect(status()).toBe('Waiting for your message'));
    expect(screen.queryByRole('list', { name: 'Transcript' })).toBeNull();
    expect(screen.getByRole('button', { name: 'End call' })).toBeTruthy();
  });

  it('a call whose hour is up ends as it opens, its length the full hour', () => {
    const created = Date.now() - 3_600_000;
    render(
      <CallScreen
        {...props({
          createdAt: new Date(created).toISOString(),
          expiresAt: new Date(created + 3_600_000).toISOString(),
        })}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Call ended' })).toBeTruthy();
    expect(screen.getByText('Calls last an hour. Start a new one to keep talking.')).toBeTruthy();
    expect(screen.getByLabelText('Call length').textContent).toBe('60:00');
  });

  it('leaving the screen hangs up with a beacon', async () => {
    const { unmount } = render(<CallScreen {...props()} />);
    unmount();
    await waitFor(() => expect(hangUps()).toBe(1));
  });

  it('with speech to text but no microphone in this browser, it says so and offers typing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { container } = render(<CallScreen {...props({}, true)} />);
    await waitFor(() => expect(callScreen(container).dataset).toMatchObject({ callState: 'listening', mic: 'failed' }));
    expect(screen.getByText('Listening could not start in this browser. You can still type below.')).toBeTruthy();
    expect(status()).toBe('Waiting for your message');
    expect(screen.queryByText(/is listening/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Mute microphone' })).toHaveProperty('disabled', true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
