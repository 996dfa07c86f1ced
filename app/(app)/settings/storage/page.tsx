import { connection } from 'next/server';
import { Section } from '@/components/settings/security/section';
import { StorageUsageBar } from '@/components/settings/storage-usage';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { requireUser } from '@/lib/auth/session';
import { storageUsage } from '@/lib/uploads/usage';

export const metadata = { title: 'Storage' };

export default async function StoragePage() {
  await connection();
  const user = await requireUser();
  const usage = await storageUsage(user);

  return (
    <>
      <MobileHeader title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
          <header>
            <p className="hidden text-sm font-medium text-ink-faint md:block">Settings</p>
            <h1 className="text-3xl font-semibold tracking-tight md:mt-1">Storage</h1>
            <p className="mt-2 text-ink-soft">The pictures and voice notes you keep here.</p>
          </header>
          <div className="mt-8 space-y-6">
            <Section
              id="storage"
              title="Storage used"
              description="Pictures and voice notes you send, pictures made for you, and the audio of your calls. Deleting a conversation frees what it holds; files you attach but never send are cleared after a day."
            >
              <StorageUsageBar usage={usage} />
            </Section>
          </div>
        </div>
      </main>
    </>
  );
}
