import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import type { Companion } from '@/lib/companions/queries';
import { LanguageBadges } from './language-badges';

export function CompanionCard({ companion }: { companion: Companion }) {
  return (
    <Link
      href={`/companions/${companion.slug}`}
      className="group flex h-full flex-col rounded-3xl border border-line bg-raised p-5 transition duration-200 hover:-translate-y-0.5 hover:shadow-lg"
      style={{ ['--accent' as string]: companion.accentColor }}
    >
      <div className="flex items-start gap-4">
        <Avatar src={companion.avatarUrl} name={companion.name} decorative size={64} accent={companion.accentColor} />
        <div className="min-w-0 pt-1">
          <h3 className="text-lg font-semibold tracking-tight">{companion.name}</h3>
          <p className="mt-0.5 line-clamp-2 text-sm text-ink-soft">{companion.tagline}</p>
        </div>
      </div>
      <div className="mt-auto flex flex-col gap-2.5 pt-5">
        <ul className="flex flex-wrap gap-1.5" aria-label="Specialties">
          {companion.specialties.map((s) => (
            <li
              key={s}
              className="rounded-full px-2.5 py-0.5 text-xs font-medium"
              style={{ background: `${companion.accentColor}1f`, color: 'var(--ink-soft)' }}
            >
              {s}
            </li>
          ))}
        </ul>
        <LanguageBadges languages={companion.languages} />
      </div>
    </Link>
  );
}
