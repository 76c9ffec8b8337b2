/** The voicemail's transcript, shown under the voicemail; nothing when there is none. */
export function VoicemailTranscript({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <figure>
      <figcaption className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Voicemail transcript</figcaption>
      <blockquote className="mt-2 border-l-2 border-amber-300 pl-3 text-sm leading-6 text-zinc-800 dark:border-amber-400/50 dark:text-zinc-200">
        {text}
      </blockquote>
    </figure>
  );
}
