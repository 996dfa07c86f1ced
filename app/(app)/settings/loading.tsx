import { SettingsSkeleton } from '@/components/settings/settings-page';

export default function Loading() {
  return <SettingsSkeleton label="Loading your settings" sections={[220, 170, 130]} />;
}
