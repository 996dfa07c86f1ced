import { expect, test } from '@playwright/test';
import { testKeys } from './test-keys';

// Through the built server: a stranger learns ok/degraded/down and nothing else; the details
// need HEALTH_TOKEN (lib/health.test.ts and app/api/health/route.test.ts cover admins and errors).
test('/api/health tells a stranger only its status, and a monitor with HEALTH_TOKEN the details', async ({
  request,
}) => {
  const stranger = await request.get('/api/health');
  expect(stranger.status()).toBe(200);
  expect(await stranger.json()).toEqual({ status: 'ok' });

  const deep = await request.get('/api/health?deep=1');
  expect(deep.status()).toBe(401);
  expect((await deep.json()).error.type).toBe('authentication_error');

  const monitor = await request.get('/api/health', { headers: { authorization: `Bearer ${testKeys().HEALTH_TOKEN}` } });
  expect(await monitor.json()).toMatchObject({ status: 'ok', database: { status: 'up' }, configuration: [] });
});
