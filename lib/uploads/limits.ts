/** What an upload may be. Shared by the server's checks and the composer's. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
/** Longest side of an uploaded image, in pixels. */
export const MAX_IMAGE_SIDE = 8_192;
export const MAX_IMAGES_PER_MESSAGE = 4;
/** Longest voice note the browser records. */
export const MAX_RECORDING_MS = 120_000;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/wav', 'audio/mp4'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export type AudioType = (typeof AUDIO_TYPES)[number];
export type MediaType = ImageType | AudioType;
export type MediaKind = 'image' | 'audio';

export const EXTENSIONS: Record<MediaType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/mp4': 'm4a',
};

export const SUPPORTED_TYPES = 'PNG, JPEG, WebP or GIF images and WebM, Ogg, MP3, WAV or M4A audio';
export const UNSUPPORTED_TYPE_MESSAGE = `This file is not a supported type: send ${SUPPORTED_TYPES}. The type is read from the file's content, not its name.`;

export function sizeCapMessage(kind: MediaKind): string {
  return `${kind === 'image' ? 'Images' : 'Audio files'} can be at most ${megabytes(maxBytesFor(kind))}.`;
}

export function kindOf(mediaType: MediaType): MediaKind {
  return mediaType.startsWith('image/') ? 'image' : 'audio';
}

export function maxBytesFor(kind: MediaKind): number {
  return kind === 'image' ? MAX_IMAGE_BYTES : MAX_AUDIO_BYTES;
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
