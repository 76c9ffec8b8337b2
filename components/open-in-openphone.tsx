import { buttonClass } from "./button-styles";
import { ExternalLinkIcon } from "./icons";

/**
 * The deep link back into the OpenPhone (Quo) app for a call or a thread. The URL comes from the
 * webhook (https on an OpenPhone/Quo host only, checked by the normaliser) or is built from ids.
 */
export function OpenInOpenPhone({ href, what }: { href: string | null; what: "call" | "conversation" }) {
  if (!href) return null;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={buttonClass("secondary", "sm")}
      aria-label={`Open this ${what} in OpenPhone (opens in a new tab)`}
    >
      Open in OpenPhone
      <ExternalLinkIcon className="size-3.5" />
    </a>
  );
}
