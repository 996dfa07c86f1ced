import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import type { Companion } from '@/lib/companions/queries';
import { newChatHref } from '@/lib/conversations/new-chat-href';
import { LanguageBadges } from './language-badges';

type CardCompanion = Pick<
  Companion,
  'slug' | 'name' | 'tagline' | 'avatarUrl' | 'accentColor' | 'specialties' | 'languages'
>;

type Props = {
  companion: CardCompanion;
  /** How its links name it: the slug (the catalogue's), or a person's companion's id (lib/companions/links.ts). */
  linkRef?: string;
  /** In place of the "About" button in the corner (the editor's link, on a person's own). */
  corner?: React.ReactNode;
  /** Under the languages: who made it, how much it is talked with, who sees it. */
  footer?: React.ReactNode;
};

/**
 * A companion in the picker. The card itself opens a chat with them (one click, review D14); the
 * "About" button in its corner opens their page (portrait, description, memory, language).
 */
export function CompanionCard({ companion, linkRef = companion.slug, corner, footer }: Props) {
  return (
    <div className="group relative h-full" style={{ ['--accent' as string]: companion.accentColor }}>
      <Link
        href={newChatHref(linkRef)}
        className="flex h-full flex-col rounded-3xl border border-line bg-raised p-5 transition duration-200 hover:-translate-y-0.5 hover:shadow-lg"
      >
        <div className="flex items-start gap-4 pr-9">
          <Avatar src={companion.avatarUrl} name={companion.name} decorative size={64} accent={companion.accentColor} />
          <div className="min-w-0 pt-1">
            <h3 className="text-lg font-semibold tracking-tight">{companion.name}</h3>
            {/* Whole: the cards of a row share its height, so a longer tagline has room (review D30). */}
            <p className="mt-0.5 line-clamp-5 text-sm text-ink-soft">{companion.tagline}</p>
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
          {footer}
        </div>
      </Link>
      {corner ?? <AboutLink name={companion.name} href={`/companions/${linkRef}`} />}
    </div>
  );
}

function AboutLink({ name, href }: { name: string; href: string }) {
  return (
    <Link
      href={href}
      aria-label={`About ${name}`}
      title={`About ${name}`}
      className="absolute top-3 right-3 grid size-9 place-items-center rounded-full text-ink-faint transition-colors hover:bg-sunken hover:text-ink"
    >
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        className="size-5"
        aria-hidden="true"
      >
        <circle cx="12" cy="12" r="8.5" />
        <path d="M12 11v5M12 8h.01" strokeLinecap="round" />
      </svg>
    </Link>
  );
}
