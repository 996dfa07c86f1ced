import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

type FilePart = { type: 'file'; mediaType: string; url: string; filename?: string };

export function filesOf(message: ChatUIMessage): FilePart[] {
  return message.parts.filter((part): part is FilePart & ChatUIMessage['parts'][number] => part.type === 'file');
}

/**
 * The pictures and voice notes a message carries: images as a small grid (each opens full size),
 * voice notes as a player. The files come from the uploads route, which only serves their owner.
 */
export function MessageFiles({ files, align, label }: { files: FilePart[]; align: 'start' | 'end'; label: string }) {
  const images = files.filter((f) => f.mediaType.startsWith('image/'));
  const audio = files.filter((f) => f.mediaType.startsWith('audio/'));
  if (!files.length) return null;
  return (
    <div className={`flex max-w-[85%] flex-col gap-2 ${align === 'end' ? 'items-end' : 'items-start'}`}>
      {images.length > 0 && (
        <div
          className={`grid gap-1.5 ${images.length === 1 ? 'grid-cols-1' : 'grid-cols-2'} ${align === 'end' ? 'justify-items-end' : 'justify-items-start'}`}
        >
          {images.map((image, index) => (
            <a
              key={image.url}
              href={image.url}
              target="_blank"
              rel="noopener"
              className="block overflow-hidden rounded-2xl ring-1 ring-line focus-visible:ring-2 focus-visible:ring-ember-500"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- private, per-user files served by an authenticated route */}
              <img
                src={image.url}
                alt={image.filename ? `${label} image: ${image.filename}` : `${label} image ${index + 1}`}
                loading="lazy"
                className={`block bg-sunken object-cover ${images.length === 1 ? 'h-auto max-h-80 w-auto max-w-full min-w-32' : 'size-36 sm:size-44'}`}
              />
            </a>
          ))}
        </div>
      )}
      {audio.map((note) => (
        <audio
          key={note.url}
          controls
          preload="metadata"
          src={note.url}
          aria-label={`${label} voice note`}
          className="h-10 w-64 max-w-full"
          data-testid="voice-note"
        />
      ))}
    </div>
  );
}

type PicturePart = { type: string; toolCallId: string; state: string; output?: { url?: string }; errorText?: string };

/** Pictures the companion is making (the picture tool) while its reply streams; after a reload they are file parts. */
export function PicturesInProgress({ message, name }: { message: ChatUIMessage; name: string }) {
  const calls = message.parts.filter((part) => part.type === 'tool-generate_image') as unknown as PicturePart[];
  if (!calls.length) return null;
  return (
    <div className="mb-2 flex flex-col items-start gap-2">
      {calls.map((call) =>
        call.state === 'output-available' && call.output?.url ? (
          // eslint-disable-next-line @next/next/no-img-element -- private, per-user files served by an authenticated route
          <img
            key={call.toolCallId}
            src={call.output.url}
            alt={`${name} image 1`}
            className="h-auto max-h-80 w-auto max-w-full min-w-32 rounded-2xl ring-1 ring-line"
          />
        ) : call.state === 'output-error' ? (
          <p key={call.toolCallId} className="text-sm text-ink-soft">
            The picture could not be made{call.errorText ? `: ${call.errorText}` : '.'}
          </p>
        ) : (
          <div
            key={call.toolCallId}
            role="status"
            className="flex size-56 items-center justify-center rounded-2xl bg-sunken text-sm text-ink-soft ring-1 ring-line motion-safe:animate-pulse"
          >
            Drawing a picture…
          </div>
        ),
      )}
    </div>
  );
}
