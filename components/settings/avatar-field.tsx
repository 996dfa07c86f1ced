'use client';

import { useRef, useState, useTransition } from 'react';
import { removeAvatarAction, uploadAvatarAction } from '@/app/(app)/settings/actions';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { squarePicture } from '@/components/ui/square-picture';
import { AVATAR_SIDE, AVATAR_TYPES, MAX_AVATAR_BYTES } from '@/lib/profile/schemas';

/**
 * The person's picture: chosen from a file, cropped to a square and scaled to AVATAR_SIDE pixels
 * in the browser (a phone photo of several megabytes becomes a few kilobytes), then sent. The
 * server checks it again, by its bytes.
 */
export function AvatarField({ url }: { url: string | null }) {
  const [current, setCurrent] = useState(url);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const input = useRef<HTMLInputElement>(null);

  const choose = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    startTransition(async () => {
      const picture = await squarePicture(file, AVATAR_SIDE, 40 * MAX_AVATAR_BYTES).catch(() => null);
      if (!picture) return setError('This file isn’t a picture Hearth can read. Choose a PNG, JPEG or WebP image.');
      const form = new FormData();
      form.set('avatar', picture, 'avatar.webp');
      const result = await uploadAvatarAction(form);
      if (!result.ok) return setError(result.error);
      setCurrent(result.url);
    });
    if (input.current) input.current.value = '';
  };

  return (
    <div className="flex items-center gap-4">
      <Avatar src={current ?? '/avatars/you.svg'} name="Your picture" size={72} />
      <div className="min-w-0">
        <div className="flex flex-wrap gap-2">
          <label
            className={`${buttonStyles.secondary} cursor-pointer focus-within:outline-2 focus-within:outline-ember-500`}
          >
            {pending ? 'Uploading…' : current ? 'Change picture' : 'Upload a picture'}
            <input
              ref={input}
              type="file"
              accept={AVATAR_TYPES.join(',')}
              className="sr-only"
              disabled={pending}
              onChange={(event) => choose(event.target.files?.[0])}
            />
          </label>
          {current && (
            <button
              type="button"
              className={buttonStyles.ghost}
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await removeAvatarAction();
                  if (result.ok) setCurrent(null);
                  else setError(result.error);
                })
              }
            >
              Remove
            </button>
          )}
        </div>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : (
          <p className="mt-2 text-xs text-ink-faint">PNG, JPEG or WebP. It’s cropped to a square.</p>
        )}
      </div>
    </div>
  );
}
