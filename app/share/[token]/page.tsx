import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SharedConversation } from '@/components/sharing/shared-conversation';
import { loadSnapshot } from './load';

type Props = { params: Promise<{ token: string }> };

// A link is for the people it was given to: search engines are asked not to list it.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const snapshot = await loadSnapshot((await params).token);
  return {
    title: snapshot ? `${snapshot.title} with ${snapshot.companion.name}` : 'Link turned off',
    robots: { index: false, follow: false },
  };
}

/** A shared conversation: public, no sign-in. An unknown or turned-off link is a 404 that says so. */
export default async function SharedConversationPage({ params }: Props) {
  await connection();
  const snapshot = await loadSnapshot((await params).token);
  if (!snapshot) notFound();
  return <SharedConversation snapshot={snapshot} />;
}
