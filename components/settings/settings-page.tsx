import { buttonStyles } from '@/components/ui/button';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { SettingsNav } from './settings-nav';

/**
 * The frame of every settings page: the mobile header, the tabs between the settings pages, and a
 * column under the page's title and what it is for.
 */
export function SettingsPage({
  title,
  description,
  children,
}: {
  title: string;
  description: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      <MobileHeader title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
          <header>
            <p className="hidden text-sm font-medium text-ink-faint md:block">Settings</p>
            <SettingsNav />
            <h1 className="mt-8 text-3xl font-semibold tracking-tight">{title}</h1>
            <p className="mt-2 text-ink-soft">{description}</p>
          </header>
          {children}
        </div>
      </main>
    </>
  );
}

/** A settings page while it loads: the title's place, then one block per section, of these heights in pixels. */
export function SettingsSkeleton({ label, sections }: { label: string; sections: number[] }) {
  return (
    <div
      role="status"
      className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12"
      aria-busy="true"
      aria-label={label}
    >
      <div className="h-4 w-16 animate-pulse rounded bg-sunken" />
      <div className="mt-2 h-8 w-40 animate-pulse rounded bg-sunken" />
      <div className="mt-3 h-4 w-full max-w-md animate-pulse rounded bg-sunken" />
      <div className="mt-8 space-y-6">
        {sections.map((height, i) => (
          <div key={i} className="animate-pulse rounded-2xl bg-sunken" style={{ height }} />
        ))}
      </div>
    </div>
  );
}

/** A settings page that could not load (the database out of reach, most likely): say so, and offer a retry. */
export function SettingsError({ title, what, reset }: { title: string; what: string; reset: () => void }) {
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        <div role="alert" className="mt-8 rounded-2xl border border-line bg-raised p-6">
          <p className="font-medium">{what} couldn’t be loaded.</p>
          <p className="mt-1 text-sm text-ink-soft">This is usually brief. Try again in a moment.</p>
          <button type="button" onClick={reset} className={`${buttonStyles.primary} mt-4`}>
            Try again
          </button>
        </div>
      </div>
    </main>
  );
}
