import { textOf, type StoredMessage } from '@/lib/conversations/messages';

type Conversation = { title: string; createdAt: Date; companion: { name: string } };

/** A moment as the export writes it: the same for every reader, whatever their time zone. */
function when(date: Date): string {
  return `${new Date(date).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const STATUS_NOTES: Partial<Record<StoredMessage['status'], string>> = {
  aborted: '*(stopped before the end)*',
  error: '*(this reply did not finish)*',
  streaming: '*(still being written when exported)*',
};

function messageBlock(message: StoredMessage, companionName: string): string {
  const who = message.role === 'user' ? 'You' : companionName;
  const files = message.parts.flatMap((part) =>
    part.type === 'file' ? [`*Attached: ${part.filename ?? part.mediaType.split('/')[0]} (${part.mediaType})*`] : [],
  );
  const note = STATUS_NOTES[message.status];
  const body = [textOf(message).trim(), ...files, ...(note ? [note] : [])].filter(Boolean).join('\n\n');
  return `### ${who}\n\n<sub>${when(message.createdAt)}</sub>\n\n${body || '*(no text)*'}`;
}

/**
 * A conversation as Markdown: the title, who it was with and when, then each message under the
 * name of who said it ("You" for the person), its text as written (replies are Markdown already),
 * its attachments named, and a note on replies that did not finish.
 */
export function conversationMarkdown(conversation: Conversation, messages: StoredMessage[], exportedAt: Date): string {
  const header = [
    `# ${conversation.title.replace(/\s+/g, ' ').trim()}`,
    `A conversation with ${conversation.companion.name} on Hearth, started ${when(conversation.createdAt)}, exported ${when(exportedAt)}.`,
  ];
  const blocks = messages.map((message) => messageBlock(message, conversation.companion.name));
  return `${[header.join('\n\n'), ...blocks].join('\n\n---\n\n')}\n`;
}
