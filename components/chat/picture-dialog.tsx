'use client';

import { useEffect, useRef } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { CloseIcon } from '@/components/ui/icons';
import { DownloadIcon } from './chat-icons';

export type Picture = { url: string; alt: string; downloadName: string };

/**
 * A picture at full size in a modal <dialog>: Esc, the close button or a click on the backdrop
 * closes it (the opener then puts focus back on its thumbnail). Loaded on the first open.
 */
export function PictureDialog({ picture, onClose }: { picture: Picture; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  // Closed first: while the modal is open the page behind it is inert and cannot take focus back.
  const close = () => {
    ref.current?.close();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-label={picture.alt}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClick={(event) => event.target === event.currentTarget && close()}
      className="m-auto max-h-[95dvh] max-w-[95vw] overflow-visible bg-transparent p-0 backdrop:bg-stone-950/80"
      data-testid="picture-dialog"
    >
      <figure className="flex flex-col items-center gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- private, per-user files served by an authenticated route */}
        <img
          src={picture.url}
          alt={picture.alt}
          className="block h-auto max-h-[80dvh] w-[min(92vw,40rem)] rounded-2xl bg-sunken object-contain shadow-2xl"
        />
        <figcaption className="flex max-w-[95vw] flex-wrap items-center justify-center gap-2">
          <span className="sr-only">{picture.alt}</span>
          <a href={picture.url} download={picture.downloadName} className={`${buttonStyles.secondary} gap-1.5`}>
            <DownloadIcon /> Download
          </a>
          <button type="button" onClick={close} className={`${buttonStyles.secondary} gap-1.5`} autoFocus>
            <CloseIcon className="size-4" /> Close
          </button>
        </figcaption>
      </figure>
    </dialog>
  );
}
