// The loopback OpenAI-compatible provider (fake-provider.ts in a child process), and the direct
// baseline: the app's request sent straight to it.
import { fork } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { timeStream } from './load.mjs';
import { SetupError } from './server.mjs';

const HELPER = path.join(import.meta.dirname, 'fake-provider.ts');
const START_TIMEOUT_MS = 15_000;
// A chunk whose delta holds some content: the role-only first chunk carries an empty one.
const FIRST_CONTENT = /"delta":\{"content":"[^"]/;

/**
 * Starts the provider at the given pace ({ tokens, firstTokenDelayMs, chunkDelayMs }). Resolves to
 * { pid, url, apiKey, lastChatRequest(), setPace(pace), stop() }; lastChatRequest() gives the newest
 * chat-completions body it received and how many it has received so far.
 */
export async function startFakeProvider(pace) {
  const child = fork(HELPER, [JSON.stringify(pace)], {
    execArgv: ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = await Promise.race([
    nextMessage(child, 'ready'),
    exited.then((code) => Promise.reject(new SetupError(`The fake provider exited before listening (code ${code}).`))),
    sleep(START_TIMEOUT_MS).then(() =>
      Promise.reject(new SetupError(`The fake provider did not start within ${START_TIMEOUT_MS / 1000} s.`)),
    ),
  ]).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    pid: child.pid,
    url: ready.url,
    apiKey: ready.apiKey,
    async lastChatRequest() {
      const reply = nextMessage(child, 'last-chat-request');
      child.send({ type: 'last-chat-request' });
      const { body, chatRequests } = await reply;
      return { body, chatRequests };
    },
    /** Every request from now on streams at this pace. */
    async setPace(pace) {
      const done = nextMessage(child, 'set-pace');
      child.send({ type: 'set-pace', pace });
      await done;
    },
    // Closing the IPC channel is its signal to stop.
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    },
  };
}

function nextMessage(child, type) {
  return new Promise((resolve) => {
    const listen = (message) => {
      if (message?.type !== type) return;
      child.off('message', listen);
      resolve(message);
    };
    child.on('message', listen);
  });
}

/** The direct baseline: `body` (a chat-completions request, already JSON) straight to the provider. */
export function timedDirectRequest(provider, body) {
  return timeStream(
    `${provider.url}/chat/completions`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.apiKey}`, 'content-type': 'application/json' },
      body,
    },
    { firstText: FIRST_CONTENT },
  );
}
