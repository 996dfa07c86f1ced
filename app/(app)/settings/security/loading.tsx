import { SettingsSkeleton } from '@/components/settings/settings-page';

export default function SecurityLoading() {
  return <SettingsSkeleton label="Loading security settings" sections={[112, 224, 96]} />;
}
