/** Text whose `backticked` spans are code, as the OpenAPI document's descriptions write them. */
export function InlineCode({ text }: { text: string }) {
  return text.split(/(`[^`]+`)/).map((piece, index) =>
    piece.startsWith('`') && piece.endsWith('`') && piece.length > 1 ? (
      <code key={index} className="rounded bg-sunken px-1 py-0.5 font-mono text-[0.88em]">
        {piece.slice(1, -1)}
      </code>
    ) : (
      piece
    ),
  );
}
