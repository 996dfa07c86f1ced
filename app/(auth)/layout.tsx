import { connection } from 'next/server';
import { Avatar } from '@/components/ui/avatar';
import { Logo } from '@/components/ui/logo';
import { availableCompanions } from '@/lib/companions/service';

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const companions = await availableCompanions(null).catch(() => []);
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-gradient-to-b from-ember-100/70 to-transparent dark:from-ember-950/40"
      />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <Logo className="text-xl" />
          {companions.length > 0 && (
            <div className="mt-6 flex -space-x-3" aria-hidden="true">
              {companions.slice(0, 6).map((c) => (
                <Avatar key={c.id} src={c.avatarUrl} name="" decorative size={48} className="ring-4 ring-surface" />
              ))}
            </div>
          )}
          <p className="mt-4 text-ink-soft">Someone to talk to, who remembers you.</p>
        </div>
        {children}
      </div>
    </main>
  );
}
