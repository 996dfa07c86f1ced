const MAX_AVATAR = 2 * 1024 * 1024;

/** Why a file cannot be a persona's avatar (judged by its first bytes, not its name), or null. */
export async function avatarProblem(file: Blob): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const isPng = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  const isJpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const isWebp =
    String.fromCharCode(...head.slice(0, 4)) === 'RIFF' && String.fromCharCode(...head.slice(8, 12)) === 'WEBP';
  if (!isPng && !isJpeg && !isWebp) return 'Choose a PNG, JPEG or WebP image (this file is none of them).';
  if (file.size > MAX_AVATAR) return 'Avatars can be at most 2 MB.';
  return null;
}
