import { connection } from 'next/server';
import { SkipToComposer } from '@/components/chat/skip-to-composer';
import { ConversationSidebar } from '@/components/sidebar/conversation-sidebar';
import { requireUser } from '@/lib/auth/session';
import { conversationList } from '@/lib/conversations/service';
import { avatarUrl } from '@/lib/profile/service';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const user = await requireUser();
  const list = await conversationList(user);
  return (
    <div className="flex h-dvh overflow-hidden">
      <SkipToComposer />
      <ConversationSidebar
        user={{
          name: user.name,
          email: user.email,
          isGuest: user.isGuest,
          isAdmin: user.role === 'admin',
          avatarUrl: avatarUrl(user),
        }}
        initial={list}
      />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}
