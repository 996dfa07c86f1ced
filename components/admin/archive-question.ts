/** What archiving a persona does, asked the same way in the list and in the studio. */
export function archiveQuestion(name: string) {
  return {
    title: `Archive ${name}?`,
    body: 'It leaves the picker and nobody can start a new chat with it; existing chats keep working. You can restore it from the archive.',
    confirmLabel: 'Archive',
  };
}
