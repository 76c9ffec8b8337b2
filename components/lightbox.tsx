"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { formatDateTimeMedium } from "@/lib/format/time";
import { ChevronLeftIcon, ChevronRightIcon, DownloadIcon, XIcon } from "@/components/icons";

/**
 * Full-screen image viewer for a thread's MMS images. A modal <dialog> (the rest of the page is
 * inert), with focus kept inside, ←/→ between every image of the thread, Esc to close, and focus
 * returned to the thumbnail that opened it.
 */
export type LightboxImage = {
  id: number;
  url: string;
  alt: string;
  /** Message text or file name. */
  caption: string;
  sender: string;
  /** ISO time of the message. */
  sentAt: string;
};

type LightboxApi = { open: (id: number, trigger: HTMLElement) => void };
const LightboxContext = createContext<LightboxApi | null>(null);

export function LightboxProvider({ images, children }: { images: LightboxImage[]; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLElement | null>(null);
  const [index, setIndex] = useState<number | null>(null);

  const open = useCallback(
    (id: number, trigger: HTMLElement) => {
      const found = images.findIndex((image) => image.id === id);
      if (found < 0) return;
      triggerRef.current = trigger;
      setIndex(found);
    },
    [images],
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (index !== null && !dialog.open) dialog.showModal();
    if (index === null && dialog.open) dialog.close();
  }, [index]);

  const close = () => setIndex(null);
  const step = (delta: number) => setIndex((current) => (current === null ? null : (current + delta + images.length) % images.length));

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === "ArrowRight") {
      event.preventDefault();
      step(1);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      step(-1);
    } else if (event.key === "Tab") {
      // Keep Tab inside the dialog instead of leaving for the browser's UI.
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>("button, a[href]") ?? [])];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const image = index === null ? null : images[index];
  const many = images.length > 1;

  return (
    <LightboxContext.Provider value={{ open }}>
      {children}
      <dialog
        ref={dialogRef}
        aria-label="Image viewer"
        aria-describedby={image ? "lightbox-caption" : undefined}
        onKeyDown={onKeyDown}
        onClose={() => {
          setIndex(null);
          triggerRef.current?.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog box itself, outside its content) closes it.
          if (event.target === event.currentTarget) close();
        }}
        className="m-0 h-dvh max-h-none w-screen max-w-none bg-transparent p-0 text-white backdrop:bg-zinc-950/90 backdrop:backdrop-blur-sm open:flex open:flex-col"
      >
        {image ? (
          <>
            <div className="flex items-center justify-between gap-3 px-4 py-3 sm:px-6">
              <p className="text-sm font-medium text-white/80 tabular-nums" aria-live="polite">
                {many ? `${index! + 1} of ${images.length}` : "1 image"}
              </p>
              <div className="flex items-center gap-1">
                <a
                  href={`${image.url}?download=1`}
                  className="inline-flex size-9 items-center justify-center rounded-full text-white/80 hover:bg-white/10 hover:text-white"
                  aria-label="Download image"
                >
                  <DownloadIcon className="size-4.5" />
                </a>
                <button
                  type="button"
                  onClick={close}
                  autoFocus
                  className="inline-flex size-9 items-center justify-center rounded-full text-white/80 hover:bg-white/10 hover:text-white"
                  aria-label="Close image viewer"
                >
                  <XIcon className="size-5" />
                </button>
              </div>
            </div>
            <div
              className="relative flex min-h-0 flex-1 items-center justify-center px-4 sm:px-16"
              onClick={(event) => {
                if (event.target === event.currentTarget) close();
              }}
            >
              <img key={image.id} src={image.url} alt={image.alt} className="max-h-full max-w-full rounded-lg object-contain shadow-2xl" />
              {many ? (
                <>
                  <button
                    type="button"
                    onClick={() => step(-1)}
                    aria-label="Previous image"
                    className="absolute left-2 inline-flex size-10 items-center justify-center rounded-full bg-black/40 text-white ring-1 ring-white/15 hover:bg-black/60 sm:left-4"
                  >
                    <ChevronLeftIcon className="size-5" />
                  </button>
                  <button
                    type="button"
                    onClick={() => step(1)}
                    aria-label="Next image"
                    className="absolute right-2 inline-flex size-10 items-center justify-center rounded-full bg-black/40 text-white ring-1 ring-white/15 hover:bg-black/60 sm:right-4"
                  >
                    <ChevronRightIcon className="size-5" />
                  </button>
                </>
              ) : null}
            </div>
            <div id="lightbox-caption" className="mx-auto w-full max-w-2xl px-4 py-4 text-center sm:py-5">
              <p className="text-sm text-white">{image.caption}</p>
              <p className="mt-1 text-xs text-white/60">
                {image.sender} · {formatDateTimeMedium(new Date(image.sentAt))}
              </p>
            </div>
          </>
        ) : null}
      </dialog>
    </LightboxContext.Provider>
  );
}

/** A thumbnail that opens the lightbox at its image. Without JavaScript it is a plain link to the image. */
export function LightboxThumb({ image, className }: { image: Pick<LightboxImage, "id" | "url" | "alt">; className?: string }) {
  const lightbox = useContext(LightboxContext);
  return (
    <a
      href={image.url}
      onClick={(event) => {
        if (!lightbox || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        lightbox.open(image.id, event.currentTarget);
      }}
      aria-label={`Open image: ${image.alt}`}
      aria-haspopup="dialog"
      className={`group relative block overflow-hidden rounded-xl bg-zinc-100 ring-1 ring-zinc-950/5 dark:bg-white/5 dark:ring-white/10 ${className ?? ""}`}
    >
      <img src={image.url} alt="" loading="lazy" className="h-full w-full object-cover transition duration-200 group-hover:scale-[1.02] group-hover:brightness-95" />
    </a>
  );
}
