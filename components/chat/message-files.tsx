import dynamic from 'next/dynamic';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { PictureThumbnail } from './picture-thumbnail';

// Only conversations with voice notes fetch the player; until it is in, a pill of its size holds the place.
const VoiceNotePlayer = dynamic(() => import('./voice-note-player').then((module) => module.VoiceNotePlayer), {
  loading: () => <div className="h-12 w-64 max-w-full rounded-full bg-raised ring-1 ring-line" aria-hidden="true" />,
});

type FilePart = { type: 'file'; mediaType: string; url: string; filename?: string };

export function filesOf(message: ChatUIMessage): FilePart[] {
  return message.parts.filter((part): part is FilePart & ChatUIMessage['parts'][number] => part.type === 'file');
}

/**
 * The pictures and voice notes a message carries: images as a small grid (each opens large, with
 * Download), voice notes as a player. The files come from the uploads route, which only serves their owner.
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
            <PictureThumbnail
              key={image.url}
              picture={pictureOf(image, index, label, align === 'start')}
              className={images.length === 1 ? 'h-auto max-h-96 w-64 max-w-full sm:w-80' : 'size-36 sm:size-44'}
            />
          ))}
        </div>
      )}
      {audio.map((note) => (
        <VoiceNotePlayer key={note.url} src={note.url} label={label} />
      ))}
    </div>
  );
}

/**
 * How a picture is named: a companion's picture by what it shows (its prompt, kept as the file
 * name), a person's by its file name.
 */
function pictureOf(image: FilePart, index: number, label: string, made: boolean) {
  const extension = image.mediaType.split('/')[1] ?? 'png';
  const name = image.filename?.replace(/\.(png|jpe?g|webp|gif)$/i, '');
  const alt = made
    ? name
      ? `Picture: ${name}`
      : `${label} picture ${index + 1}`
    : name
      ? `${label} image: ${image.filename}`
      : `${label} image ${index + 1}`;
  return {
    url: image.url,
    alt,
    downloadName: image.filename ?? `${made ? 'picture' : 'image'}-${index + 1}.${extension}`,
  };
}

type PicturePart = {
  type: string;
  toolCallId: string;
  state: string;
  input?: { prompt?: string };
  output?: { url?: string; media_type?: string };
  errorText?: string;
};

/** Pictures the companion is making (the picture tool) while its reply streams; after a reload they are file parts. */
export function PicturesInProgress({ message, name }: { message: ChatUIMessage; name: string }) {
  const calls = message.parts.filter((part) => part.type === 'tool-generate_image') as unknown as PicturePart[];
  if (!calls.length) return null;
  return (
    <div className="mb-2 flex flex-col items-start gap-2">
      {calls.map((call) =>
        call.state === 'output-available' && call.output?.url ? (
          <PictureThumbnail
            key={call.toolCallId}
            picture={{
              url: call.output.url,
              alt: call.input?.prompt ? `Picture: ${call.input.prompt}` : `${name} picture 1`,
              downloadName: `picture.${call.output.media_type?.split('/')[1] ?? 'png'}`,
            }}
            className="h-auto max-h-96 w-64 max-w-full sm:w-80"
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
