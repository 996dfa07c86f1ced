'use client';

import { SettingsError } from '@/components/settings/settings-page';

export default function AccountSettingsError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsError title="Account" what="Your settings" reset={reset} />;
}
