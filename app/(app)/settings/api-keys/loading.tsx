import { SettingsSkeleton } from '@/components/settings/settings-page';

export default function ApiKeysLoading() {
  return <SettingsSkeleton label="Loading API keys" sections={[144, 64, 64]} />;
}
