import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { loadConfig } from '@/lib/config';
import { iceConfiguration, TURN_CREDENTIAL_SECONDS } from './ice';
import { webrtcTransport } from './webrtc';

const USER = '6f1c2b9e-3d4a-4e5f-8a7b-9c0d1e2f3a4b';
const SECRET = 'a-turn-secret-of-some-length-1234';
const NOW = Date.parse('2026-12-07T12:00:00Z');

describe('ICE configuration for a call', () => {
  it('is empty with nothing set: host candidates only', () => {
    expect(iceConfiguration(USER, loadConfig({}).ice, NOW)).toEqual({
      iceServers: [],
      expiresAt: new Date(NOW + TURN_CREDENTIAL_SECONDS * 1000),
    });
  });

  it('lists the STUN servers, and TURN servers with credentials coturn checks with the shared secret', () => {
    const ice = loadConfig({
      STUN_URLS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349?transport=tcp',
      TURN_SECRET: SECRET,
    }).ice;
    const { iceServers } = iceConfiguration(USER, ice, NOW);
    expect(iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    const turn = iceServers[1]!;
    expect(turn.urls).toEqual([
      'turn:turn.example.org:3478?transport=udp',
      'turns:turn.example.org:5349?transport=tcp',
    ]);
    const expiry = NOW / 1000 + TURN_CREDENTIAL_SECONDS;
    expect(turn.username).toBe(`${expiry}:${USER}`);
    expect(turn.credential).toBe(createHmac('sha1', SECRET).update(`${expiry}:${USER}`).digest('base64'));
  });

  it('refuses URIs of the wrong kind and a short secret, and warns when TURN is half set', () => {
    const config = loadConfig({
      STUN_URLS: 'turn:x.example.org',
      TURN_URLS: 'http://turn.example.org',
      TURN_SECRET: 'short',
    });
    expect(config.invalid.map((problem) => problem.setting)).toEqual(['STUN_URLS', 'TURN_URLS', 'TURN_SECRET']);
    expect(config.ice).toEqual({ stunUrls: [], turn: undefined, turnHalfSet: undefined });
    expect(loadConfig({ TURN_URLS: 'turn:turn.example.org:3478' }).ice.turnHalfSet).toBe('TURN_URLS');
  });
});

// coturn from Debian's packages (.ci/run installs it); without it here, the relay test is skipped.
const hasCoturn = spawnSync('turnserver', ['--version']).status === 0 || Boolean(process.env.CI);

describe.skipIf(!hasCoturn)('a call through a TURN server (coturn)', () => {
  let coturn: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freeUdpPort();
    coturn = spawn(
      'turnserver',
      [
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        '--min-port=49160',
        '--max-port=49200',
        '--use-auth-secret',
        `--static-auth-secret=${SECRET}`,
        '--realm=hearth.test',
        '--allow-loopback-peers',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--log-file=stdout',
        '--simple-log',
      ],
      { stdio: 'ignore' },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  afterAll(() => {
    coturn?.kill();
  });

  it('connects a caller that may only use the relay, with the credentials the call hands out', async () => {
    const ice = loadConfig({ TURN_URLS: `turn:127.0.0.1:${port}?transport=udp`, TURN_SECRET: SECRET }).ice;
    const { iceServers } = iceConfiguration(USER, ice);
    const person = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
    person.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendrecv' });
    await person.setLocalDescription(await person.createOffer());
    const offer = person.localDescription!.sdp;
    // Only relayed candidates: without coturn's answer to the credentials there would be none.
    expect(offer).toMatch(/a=candidate:.* typ relay/);
    expect(offer).not.toMatch(/a=candidate:.* typ host/);

    const media = await webrtcTransport.answer(offer, { iceServers });
    try {
      const connected = new Promise<void>((resolve) =>
        person.connectionStateChange.subscribe((state) => state === 'connected' && resolve()),
      );
      await person.setRemoteDescription({ type: 'answer', sdp: media.answer });
      await connected;
    } finally {
      await Promise.all([media.close(), person.close()]);
    }
  });

  it('gives no relay for credentials signed with another secret', async () => {
    const ice = loadConfig({
      TURN_URLS: `turn:127.0.0.1:${port}?transport=udp`,
      TURN_SECRET: 'not-the-shared-secret-at-all',
    }).ice;
    const person = new RTCPeerConnection({
      iceServers: iceConfiguration(USER, ice).iceServers,
      iceTransportPolicy: 'relay',
    });
    try {
      person.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendrecv' });
      await person.setLocalDescription(await person.createOffer());
      expect(person.localDescription!.sdp).not.toMatch(/typ relay/);
    } finally {
      await person.close();
    }
  });
});

function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
