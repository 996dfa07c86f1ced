'use client';

import { SettingsError } from '@/components/settings/settings-page';

export default function SecurityError({ reset }: { error: Error; reset: () => void }) {
  return <SettingsError title="Security" what="Your security settings" reset={reset} />;
}
