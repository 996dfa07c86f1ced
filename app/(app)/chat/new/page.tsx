import type { Metadata } from 'next';
import { cache } from 'react';
import { randomUUID } from 'node:crypto';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { requireUser } from '@/lib/auth/session';
import { companionLinkRef } from '@/lib/companions/links';
import type { Companion } from '@/lib/companions/queries';
import { companionBySlugOrId } from '@/lib/companions/service';
import type { Language } from '@/lib/languages';
import { draftConversationId, draftGreetingId, startingSettings } from '@/lib/conversations/draft';
import { greetingFor } from '@/lib/conversations/greeting';
import { newChatHref } from '@/lib/conversations/new-chat-href';
import { findUserConversation } from '@/lib/conversations/service';
import { newChatQuery } from '@/lib/conversations/schemas';
import { ChatScreen } from '../chat-screen';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The page and its title read the same companion once per request.
const companionNamed = cache(async (slug: string) => companionBySlugOrId(await requireUser(), slug));

/** The tab names who the chat is with, as a stored chat's does ("Marcus · Hearth"). */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = newChatQuery.safeParse(await searchParams);
  const companion = query.success ? await companionNamed(query.data.companion) : null;
  return { title: companion?.name ?? 'New chat' };
}

/**
 * A chat with a companion that is not written yet (lib/conversations/draft.ts): the greeting and
 * the composer; the first message creates the conversation. The draft key is put in the address
 * first, so the page renders the same draft again when something refreshes it.
 */
export default async function NewChatPage({ searchParams }: Props) {
  await connection();
  const query = newChatQuery.safeParse(await searchParams);
  if (!query.success) redirect('/');
  const { companion: slug, language, model, draft } = query.data;
  const user = await requireUser();
  if (!draft) redirect(`${newChatHref(slug, language)}&draft=${randomUUID()}`);
  const companion = await companionNamed(slug);
  if (!companion) notFound();
  const id = draftConversationId(user.id, draft);
  // Started already (a reload after the first message): that conversation is the one to show.
  if (await findUserConversation(user, id)) redirect(`/chat/${id}`);
  const settings = chosenSettings(companion, language, model);

  return (
    <ChatScreen
      conversation={{ id, title: 'New chat', ...settings }}
      companion={companion}
      messages={[
        {
          id: draftGreetingId(id),
          role: 'assistant',
          parts: [{ type: 'text', text: greetingFor(companion, settings.language) }],
          metadata: { status: 'complete' },
        },
      ]}
      olderCursor={null}
      draft={{
        key: draft,
        // A person's companion by its id: an unlisted one is found only so when the first message starts the chat.
        companion: companionLinkRef(companion),
        language: settings.language,
        model: model === settings.model ? model : undefined,
      }}
    />
  );
}

/** The draft's language and model; a model that cannot answer here is passed over for the companion's own. */
function chosenSettings(companion: Companion, language?: Language, model?: string) {
  try {
    return startingSettings(companion, { language, model });
  } catch {
    return startingSettings(companion, { language });
  }
}
