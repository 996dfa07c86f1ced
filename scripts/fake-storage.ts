// A loopback Supabase Storage API for trying Hearth's Supabase storage path without a project:
// `SUPABASE_URL=http://127.0.0.1:4020 SUPABASE_SERVICE_ROLE_KEY=fake-service-role-key` on the
// server. Objects live in memory until Ctrl-C. Port: FAKE_STORAGE_PORT (4020); key:
// FAKE_STORAGE_KEY (fake-service-role-key). The browser uploads to it directly (it allows any origin).
import { startFakeStorage } from '../lib/testing/fake-storage.ts';

const port = Number(process.env.FAKE_STORAGE_PORT) || 4020;
const key = process.env.FAKE_STORAGE_KEY || 'fake-service-role-key';
const storage = await startFakeStorage({ port, key });
console.log(`Fake Supabase Storage on ${storage.url}/storage/v1 (service role key: ${key})`);
