import { SettingsSkeleton } from '@/components/settings/settings-page';

export default function StorageLoading() {
  return <SettingsSkeleton label="Loading storage settings" sections={[160]} />;
}
