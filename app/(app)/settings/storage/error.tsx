'use client';

import { SettingsError } from '@/components/settings/settings-page';

export default function StorageError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsError title="Storage" what="Your storage usage" reset={reset} />;
}
