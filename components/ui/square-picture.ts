/**
 * A picture's centre square, at most `maxSide` pixels a side, as WebP (PNG where WebP cannot be
 * made), drawn in the browser: a phone photo of several megabytes becomes a few kilobytes before it
 * is sent. Rejects what the browser cannot read as an image. The server checks the result again.
 */
export async function squarePicture(file: Blob, maxSide: number, maxBytes = 40 * 1024 * 1024): Promise<Blob> {
  if (file.size > maxBytes) throw new Error('too large to read');
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const size = Math.min(maxSide, side);
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
  bitmap.close();
  const encode = (type: string) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9));
  const blob = (await encode('image/webp')) ?? (await encode('image/png'));
  if (!blob || (blob.type !== 'image/webp' && blob.type !== 'image/png')) throw new Error('could not encode');
  return blob;
}
