import { describe, expect, it } from 'vitest';
import { holdReservation } from './hold';
import type { ReplyReservation } from './limiter';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function reservation() {
  const released: string[] = [];
  const taken = deferred<ReplyReservation>();
  return { taken, released, grant: () => taken.resolve({ allowance: null, release: () => released.push('slot') }) };
}

describe('holdReservation', () => {
  it('starts before the reservation is taken, and frees the slot once the reply is done', async () => {
    const { taken, released, grant } = reservation();
    const done = deferred<void>();
    let startedEarly = false;
    const held = holdReservation(
      taken.promise,
      async (admitted) => {
        startedEarly = true;
        await admitted;
        return 'turn';
      },
      () => done.promise,
    );
    expect(startedEarly).toBe(true);
    grant();
    await expect(held).resolves.toBe('turn');
    expect(released).toEqual([]);
    done.resolve();
    await expect.poll(() => released).toEqual(['slot']);
  });

  it('answers with the refusal, not with what the start failed with meanwhile', async () => {
    const { taken } = reservation();
    const held = holdReservation(
      taken.promise,
      async () => {
        throw new Error('not found');
      },
      async () => {},
    );
    taken.reject(new Error('quota refused'));
    await expect(held).rejects.toThrow('quota refused');
  });

  it('frees the slot at once when the start fails after the reservation is granted', async () => {
    const { taken, released, grant } = reservation();
    const held = holdReservation(
      taken.promise,
      async (admitted) => {
        await admitted;
        throw new Error('not found');
      },
      async () => {},
    );
    grant();
    await expect(held).rejects.toThrow('not found');
    expect(released).toEqual(['slot']);
  });
});
