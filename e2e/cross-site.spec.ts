import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signInAsGuest } from './helpers';

/**
 * The attack as it was made: a page on another port of the same host. The browser counts it as
 * the same site, so the session cookie (SameSite=Lax) goes along with its POSTs. It tries a
 * `text/plain` fetch (no preflight), a JSON fetch, and a plain HTML form; none may write.
 */
function attackPage(target: string, conversationId: string): string {
  const body = JSON.stringify({ companion: 'lucia' });
  const turn = JSON.stringify({ action: 'send', conversationId, text: 'Say something you would regret' });
  return `<!doctype html><title>Cats</title>
<form id="form" method="post" action="${target}/api/v1/conversations" enctype="text/plain" target="sink">
  <input name='{"companion":"lucia","x":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  (async () => {
    const send = (url, type, body) => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': type }, body }).catch(() => null);
    await send('${target}/api/v1/conversations', 'text/plain', ${JSON.stringify(body)});
    await send('${target}/api/chat', 'text/plain', ${JSON.stringify(turn)});
    await fetch('${target}/api/v1/conversations', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} }).catch(() => null);
    document.getElementById('form').submit();
    document.title = 'done';
  })();
</script>`;
}

test('a page on another port of this host cannot write with the session cookie', async ({ page, baseURL }) => {
  await signInAsGuest(page);
  const started = await page.request.post('/api/v1/conversations', { data: { companion: 'lucia' } });
  expect(started.status()).toBe(201);
  const { id: conversationId } = await started.json();
  const state = async () => ({
    conversations: (await (await page.request.get('/api/v1/conversations')).json()).data.length,
    messages: (await (await page.request.get(`/api/v1/conversations/${conversationId}/messages`)).json()).data.length,
  });
  const before = await state();

  const server = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(attackPage(baseURL!, conversationId));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).origin === baseURL && response.request().method() === 'POST')
        statuses.push(response.status());
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await expect(page).toHaveTitle('done');
    // The form's navigation and the fetches reached the server, and each was refused.
    await expect.poll(() => statuses.length).toBeGreaterThanOrEqual(3);
    expect(
      statuses.every((status) => status === 403),
      String(statuses),
    ).toBe(true);
  } finally {
    server.close();
  }
  expect(await state()).toEqual(before);

  // The same cookie from the app's own page still works.
  await page.goto('/');
  const own = await page.evaluate(
    async () =>
      (
        await fetch('/api/v1/conversations', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ companion: 'lucia' }),
        })
      ).status,
  );
  expect(own).toBe(201);
});
