import { describe, expect, it } from 'vitest';
import { PlaybackLatency } from './playback-latency';

describe('playback latency', () => {
  it('is measured from the end of speech once the turn is named and the voice has started, in either order', () => {
    const named = new PlaybackLatency();
    named.turnSent(1000);
    expect(named.measure(1800.4)).toBeNull();
    named.turnNamed('t1');
    expect(named.measure(1800.4)).toEqual({ turn_id: 't1', playback_ms: 800 });

    const started = new PlaybackLatency();
    started.turnSent(1000);
    expect(started.measure(null)).toBeNull();
    started.turnNamed('t1');
    expect(started.measure(1250)).toEqual({ turn_id: 't1', playback_ms: 250 });
  });

  it('is measured once a turn, and never below zero', () => {
    const latency = new PlaybackLatency();
    latency.turnSent(1000);
    latency.turnNamed('t1');
    expect(latency.measure(900)).toEqual({ turn_id: 't1', playback_ms: 0 });
    expect(latency.measure(2000)).toBeNull();
  });

  it('goes with the next turn once, while the hang-up may send it again', () => {
    const latency = new PlaybackLatency();
    latency.turnSent(0);
    latency.turnNamed('t1');
    latency.measure(500);
    expect(latency.unsent).toEqual({ turn_id: 't1', playback_ms: 500 });
    expect(latency.unsent).toEqual({ turn_id: 't1', playback_ms: 500 });
    expect(latency.take()).toEqual({ turn_id: 't1', playback_ms: 500 });
    expect(latency.take()).toBeNull();
    expect(latency.unsent).toBeNull();
  });

  it('ignores a name when no turn is waiting', () => {
    const latency = new PlaybackLatency();
    latency.turnNamed('t1');
    expect(latency.measure(100)).toBeNull();
  });
});
