import Link from 'next/link';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { Avatar } from '@/components/ui/avatar';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';
import type { ChatCompanion } from './chat-view';

type Props = { companion: ChatCompanion; model: string; offline: boolean; language: Language };

export function ChatHeader({ companion, model, offline, language }: Props) {
  const identity = (
    <Link href={`/companions/${companion.slug}`} className="flex min-w-0 items-center gap-3 rounded-xl">
      <Avatar src={companion.avatarUrl} name={companion.name} decorative size={36} accent={companion.accentColor} />
      <span className="min-w-0">
        <span className="block truncate font-semibold leading-tight">{companion.name}</span>
        <span className="block truncate text-xs text-ink-faint">{companion.tagline}</span>
      </span>
    </Link>
  );
  const badge = 'rounded-full border border-line px-2.5 py-1 text-xs text-ink-faint';
  const modelBadge = (
    <span className="flex shrink-0 items-center gap-1.5">
      {language !== 'en-US' && <span className={badge}>{LANGUAGE_LABELS[language]}</span>}
      <span
        className={badge}
        title={offline ? 'Set a provider key such as GOOGLE_GENERATIVE_AI_API_KEY in .env for real replies.' : model}
      >
        {offline ? 'Offline demo model' : model}
      </span>
    </span>
  );
  return (
    <>
      <MobileHeader>
        <div className="flex min-w-0 flex-1 items-center justify-between gap-2">
          {identity}
          {modelBadge}
        </div>
      </MobileHeader>
      <header
        className="hidden items-center justify-between gap-4 border-b border-line px-6 py-3 md:flex"
        style={{ background: `linear-gradient(90deg, ${companion.accentColor}14, transparent 60%)` }}
      >
        {identity}
        {modelBadge}
      </header>
    </>
  );
}
