import { connection } from 'next/server';
import { Section } from '@/components/settings/security/section';
import { StorageUsageBar } from '@/components/settings/storage-usage';
import { requireUser } from '@/lib/auth/session';
import { storageUsage } from '@/lib/uploads/storage-usage';
import { SettingsPage } from '@/components/settings/settings-page';

export const metadata = { title: 'Storage' };

export default async function StoragePage() {
  await connection();
  const user = await requireUser();
  const usage = await storageUsage(user);

  return (
    <SettingsPage title="Storage" description="The pictures and voice notes you keep here.">
      <div className="mt-8 space-y-6">
        <Section
          id="storage"
          title="Storage used"
          description="Pictures and voice notes you send, pictures made for you, and the audio of your calls. Deleting a conversation frees what it holds; files you attach but never send are cleared after a day."
        >
          <StorageUsageBar usage={usage} />
        </Section>
      </div>
    </SettingsPage>
  );
}
