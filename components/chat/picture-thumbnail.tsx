'use client';

import { lazy, Suspense, useRef, useState } from 'react';
import type { Picture } from './picture-dialog';

const PictureDialog = lazy(() => import('./picture-dialog').then((module) => ({ default: module.PictureDialog })));

/**
 * A picture in a message, as a button that opens it large (with Download) in a dialog; closing the
 * dialog brings focus back here. The dialog's code loads on the first open.
 */
export function PictureThumbnail({ picture, className }: { picture: Picture; className: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Open larger: ${picture.alt}`}
        aria-haspopup="dialog"
        className="block cursor-zoom-in overflow-hidden rounded-2xl ring-1 ring-line focus-visible:ring-2 focus-visible:ring-ember-500"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- private, per-user files served by an authenticated route */}
        <img
          src={picture.url}
          alt={picture.alt}
          loading="lazy"
          className={`block bg-sunken object-cover ${className}`}
        />
      </button>
      {open && (
        <Suspense fallback={null}>
          <PictureDialog
            picture={picture}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
