import Link from 'next/link';
import type { ComponentProps } from 'react';
import { CallButton } from '@/components/call/call-button';
import { OpenSidebarButton } from '@/components/sidebar/mobile-header';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { MemoryIcon } from '@/components/ui/icons';
import { LANGUAGE_LABELS, type Language } from '@/lib/languages';
import type { ChatCompanion } from './types';
import { ConversationMenu } from './conversation-menu';
import { ModelPicker, type PickableModel } from './model-picker';

type Props = {
  conversationId: string;
  companion: ChatCompanion;
  model: string;
  models: PickableModel[];
  language: Language;
  changeModel?: ComponentProps<typeof ModelPicker>['change'];
  /** Not written yet: a call starts a conversation of its own. */
  draft?: boolean;
};

export function ChatHeader({ conversationId, companion, model, models, language, changeModel, draft }: Props) {
  const identity = (
    <Link href={`/companions/${companion.ref}`} className="flex min-w-0 items-center gap-3 rounded-xl">
      <Avatar src={companion.avatarUrl} name={companion.name} decorative size={36} accent={companion.accentColor} />
      <span className="min-w-0">
        <h1 className="block truncate text-base leading-tight font-semibold">{companion.name}</h1>
        <span className="block truncate text-xs text-ink-faint">{companion.tagline}</span>
      </span>
    </Link>
  );
  const badge = 'rounded-full border border-line px-2.5 py-1 text-xs text-ink-faint';
  const modelBadge = (
    <span className="ml-auto flex shrink-0 items-center gap-1.5">
      {language !== 'en-US' && <span className={badge}>{LANGUAGE_LABELS[language]}</span>}
      <ModelPicker conversationId={conversationId} model={model} models={models} change={changeModel} />
      <CallButton
        variant="icon"
        companion={companion.ref}
        name={companion.name}
        conversationId={draft ? undefined : conversationId}
        language={language}
      />
      <Link
        href={`/companions/${companion.ref}/memory`}
        className={buttonStyles.icon}
        aria-label={`What ${companion.name} remembers about you`}
        title={`What ${companion.name} remembers about you`}
      >
        <MemoryIcon />
      </Link>
      <ConversationMenu conversationId={conversationId} companion={companion} />
    </span>
  );
  return (
    <header
      className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 border-b border-line px-2 py-2 md:flex-nowrap md:gap-4 md:px-6 md:py-3"
      style={{ background: `linear-gradient(90deg, ${companion.accentColor}14, transparent 60%)` }}
    >
      {/* On a phone the name keeps at least this much room; the model and the icons wrap below it. */}
      <div className="flex min-w-0 flex-[1_1_12rem] items-center gap-2">
        <OpenSidebarButton className="md:hidden" />
        {identity}
      </div>
      {modelBadge}
    </header>
  );
}
