import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAsGuest } from './helpers';
import { chromiumLaunch, fakeMediaArgs } from './chromium';

// Chromium's own WebRTC against the server's (werift): the fake microphone loops a sentence spoken
// by espeak-ng, which the server must hear, answer through the chat pipeline and speak back.
test('a call over WebRTC: the server hears the microphone, answers, and its voice comes back on the track', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const browser = await playwright.chromium.launch(
    chromiumLaunch([
      ...fakeMediaArgs(path.join(process.cwd(), 'e2e', 'fixtures', 'speech-en.wav')),
      '--autoplay-policy=no-user-gesture-required',
    ]),
  );
  try {
    const context = await browser.newContext({ baseURL, permissions: ['microphone'] });
    const page = await context.newPage();
    await signInAsGuest(page);
    const created = await page.request.post('/api/v1/calls', { data: { companion: 'lucia', language: 'en-US' } });
    expect(created.status()).toBe(201);
    const callId = (await created.json()).id as string;
    const ice = await (await page.request.get(`/api/v1/calls/${callId}/ice`)).json();

    const answered = await page.evaluate(
      async ({ callId, iceServers }) => {
        // The call's events, heard from before it connects.
        const heard: string[] = [];
        (window as unknown as { heard: string[] }).heard = heard;
        const events = new EventSource(`/api/v1/calls/${callId}/events`);
        for (const type of ['joined', 'speaking', 'transcript', 'companion_typing', 'turn_completed', 'ended'])
          events.addEventListener(type, (event) => {
            const role = (JSON.parse((event as MessageEvent<string>).data) as { role?: string }).role;
            heard.push(role ? `${type}:${role}` : type);
            if (type === 'ended') events.close();
          });
        await new Promise((resolve) => events.addEventListener('open', resolve, { once: true }));
        const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
        const peer = new RTCPeerConnection({ iceServers });
        // The companion's voice is played, as the call screen would: Chromium measures what it plays.
        peer.addEventListener('track', (event) => {
          const player = new Audio();
          player.srcObject = new MediaStream([event.track]);
          void player.play();
        });
        peer.addTransceiver(microphone.getAudioTracks()[0]!, { direction: 'sendrecv', streams: [microphone] });
        await peer.setLocalDescription(await peer.createOffer());
        // WHIP without trickle: the offer goes with its candidates.
        await new Promise<void>((resolve) => {
          if (peer.iceGatheringState === 'complete') return resolve();
          peer.addEventListener('icegatheringstatechange', () => peer.iceGatheringState === 'complete' && resolve());
        });
        const response = await fetch(`/api/v1/calls/${callId}/webrtc`, {
          method: 'POST',
          headers: { 'content-type': 'application/sdp' },
          body: peer.localDescription!.sdp,
        });
        if (response.status !== 201) return { status: response.status, body: await response.text() };
        await peer.setRemoteDescription({ type: 'answer', sdp: await response.text() });
        (window as unknown as { peer: RTCPeerConnection }).peer = peer;
        return { status: 201, location: response.headers.get('location') };
      },
      { callId, iceServers: ice.ice_servers },
    );
    expect(answered).toEqual({ status: 201, location: `/api/v1/calls/${callId}/webrtc` });

    const inbound = () =>
      page.evaluate(async () => {
        const peer = (window as unknown as { peer: RTCPeerConnection }).peer;
        const stats = await peer.getStats();
        const report = [...stats.values()].find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
        return {
          state: peer.connectionState,
          // What Chromium played of it: zero for silence.
          energy: report?.totalAudioEnergy ?? 0,
        };
      });
    await expect.poll(async () => (await inbound()).state, { timeout: 15_000 }).toBe('connected');
    // The sentence is heard at the server, transcribed and answered: a turn of the call.
    const readCall = async () => (await page.request.get(`/api/v1/calls/${callId}`)).json();
    await expect.poll(async () => (await readCall()).turn_count, { timeout: 45_000 }).toBeGreaterThanOrEqual(1);
    // The companion's voice arrives as sound on the answer's track.
    await expect.poll(async () => (await inbound()).energy, { timeout: 20_000 }).toBeGreaterThan(0.01);
    const call = await readCall();
    expect(call.timings[0].first_audio_ms).not.toBeNull();
    // Clients follow the call as it goes: GET …/events.
    const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    await expect
      .poll(heard)
      .toEqual(
        expect.arrayContaining([
          'joined',
          'speaking',
          'transcript:person',
          'companion_typing',
          'transcript:companion',
          'turn_completed',
        ]),
      );
    expect((await heard())[0]).toBe('joined');

    const hungUp = await page.request.delete(`/api/v1/calls/${callId}/webrtc`);
    expect(hungUp.status()).toBe(204);
    await expect.poll(async () => (await inbound()).state, { timeout: 15_000 }).not.toBe('connected');
    await expect.poll(async () => (await heard()).at(-1)).toBe('ended');
  } finally {
    await browser.close();
  }
});
