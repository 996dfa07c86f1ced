// A loopback GitHub and Google for the e2e suite (lib/testing/fake-oauth.ts): port FAKE_OAUTH_PORT
// (4020). Point Hearth at it with GITHUB_OAUTH_BASE_URL and GOOGLE_OAUTH_BASE_URL, and the client
// ids and secrets it prints. A test says who signs in next with POST /__fake/next. Runs until stopped.
import { startFakeOAuthServer } from '../lib/testing/fake-oauth.ts';

const port = Number(process.env.FAKE_OAUTH_PORT) || 4020;
const server = await startFakeOAuthServer({ port });
console.log(`Fake GitHub and Google at ${server.origin}`);
console.log(
  `GITHUB_ID=${server.clients.github.id} GITHUB_SECRET=${server.clients.github.secret} GITHUB_OAUTH_BASE_URL=${server.origin}`,
);
console.log(
  `GOOGLE_CLIENT_ID=${server.clients.google.id} GOOGLE_CLIENT_SECRET=${server.clients.google.secret} GOOGLE_OAUTH_BASE_URL=${server.origin}`,
);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
