import { connection } from 'next/server';
import { AvatarField } from '@/components/settings/avatar-field';
import { DeleteAccount } from '@/components/settings/delete-account';
import { ExportDataButton } from '@/components/settings/export-data-button';
import { MatureCompanions } from '@/components/settings/mature-companions';
import { NameForm } from '@/components/settings/name-form';
import { PersonaForm } from '@/components/settings/persona-form';
import { Section } from '@/components/settings/security/section';
import { SettingsPage } from '@/components/settings/settings-page';
import { SharedLinks } from '@/components/settings/shared-links';
import { ThemePicker } from '@/components/settings/theme-picker';
import { requireUser } from '@/lib/auth/session';
import { adultConfirmed } from '@/lib/companions/community';
import { loadPersona } from '@/lib/profile/persona';
import { avatarUrl, loadProfile } from '@/lib/profile/service';

export const metadata = { title: 'Settings' };

export default async function AccountSettingsPage() {
  await connection();
  const user = await requireUser();
  const [profile, persona, adult] = await Promise.all([loadProfile(user), loadPersona(user), adultConfirmed(user)]);

  return (
    <SettingsPage
      title="Account"
      description="Your name and picture, what companions know about you, how Hearth looks, and your account itself."
    >
      <div className="mt-8 space-y-6">
        <Section id="profile" title="Profile">
          <div className="space-y-6">
            <AvatarField url={avatarUrl(profile)} />
            <NameForm name={profile.name ?? ''} />
          </div>
        </Section>

        <Section
          id="about-you"
          title="About you"
          description="What your companions know about you from the start. Memory keeps what they learn as you talk; to tell one companion something different, use “How … knows you” in its chat menu."
        >
          <PersonaForm persona={persona} />
        </Section>

        <Section id="appearance" title="Appearance" description="Saved with your account, on every device you use.">
          <ThemePicker theme={profile.theme} />
        </Section>

        <Section
          id="mature-companions"
          title="Mature companions"
          description="Companions people make for adults only are marked NSFW. They stay out of the Community until you choose to see them."
        >
          <MatureCompanions confirmed={adult} isGuest={profile.isGuest} />
        </Section>

        <Section
          id="your-data"
          title="Your data"
          description="A copy of everything Hearth keeps about you, and the conversations you shared by link."
        >
          <div className="space-y-6">
            <ExportDataButton />
            <SharedLinks />
          </div>
        </Section>

        <Section
          id="delete-account"
          title={profile.isGuest ? 'Delete this guest session' : 'Delete account'}
          description={
            profile.isGuest
              ? 'Deletes this guest session and everything in it: your conversations, memories and files.'
              : 'Deletes your account and everything in it: your conversations, memories, files and API keys.'
          }
        >
          <DeleteAccount email={profile.email} isGuest={profile.isGuest} />
        </Section>
      </div>
    </SettingsPage>
  );
}
