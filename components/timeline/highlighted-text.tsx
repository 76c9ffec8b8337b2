import { splitHighlights } from "@/lib/timeline/search-query";

/**
 * A search snippet with its matches in <mark>. The database wraps matches in private-use marker
 * characters; the text itself is always rendered as text, never as HTML.
 */
export function HighlightedText({ snippet }: { snippet: string }) {
  return (
    <>
      {splitHighlights(snippet).map((part, i) =>
        part.highlighted ? (
          <mark key={i} className="rounded-[3px] bg-amber-200/70 px-0.5 text-zinc-950 dark:bg-amber-400/25 dark:text-amber-100">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
