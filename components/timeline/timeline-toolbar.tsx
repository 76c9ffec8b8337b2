"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { SearchIcon, XIcon } from "@/components/icons";
import { CALL_OUTCOMES, MESSAGE_STATUSES } from "@/components/status-presentation";
import type { CallOutcome, MessageStatus } from "@/lib/openphone/normalized";
import { TIMELINE_SEARCH_INPUT_ID } from "./timeline-feed";

export type ToolbarValues = {
  q: string;
  inbox: string;
  direction: string;
  status: string;
  recording: boolean;
  media: boolean;
  from: string;
  to: string;
  /** Kept as they are (set by the tabs and the contact chip). */
  kind: string;
  contact: string;
  conversation: string;
};

/** The statuses worth filtering by: settled outcomes, and the message states staff look for. */
const FILTER_OUTCOMES: CallOutcome[] = ["answered", "missed", "voicemail", "forwarded"];
const FILTER_MESSAGE_STATUSES: MessageStatus[] = ["received", "delivered", "sent", "failed"];

const fieldClass =
  "h-8 shrink-0 rounded-md border-0 bg-white px-2.5 text-[13px] text-zinc-800 shadow-xs ring-1 ring-inset ring-zinc-300 hover:ring-zinc-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none data-[active=true]:bg-indigo-50 data-[active=true]:text-indigo-900 data-[active=true]:ring-indigo-300 dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10 dark:hover:ring-white/20 dark:focus:ring-indigo-400 dark:data-[active=true]:bg-indigo-400/10 dark:data-[active=true]:text-indigo-100 dark:data-[active=true]:ring-indigo-400/40";

function Select({ label, name, value, children }: { label: string; name: string; value: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="sr-only">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value} data-active={value !== ""} className={`${fieldClass} max-w-44 pr-7`}>
        {children}
      </select>
    </div>
  );
}

function Toggle({ label, name, checked }: { label: string; name: string; checked: boolean }) {
  return (
    <label
      className={`${fieldClass} inline-flex cursor-pointer items-center gap-2 select-none has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600`}
      data-active={checked}
    >
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="size-3.5 rounded accent-indigo-600 focus:outline-none" />
      {label}
    </label>
  );
}

function DateRange({ from, to }: { from: string; to: string }) {
  const active = from !== "" || to !== "";
  const input =
    "h-7 w-[8.6rem] rounded border-0 bg-transparent px-1.5 text-[13px] text-zinc-800 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:text-zinc-100 dark:focus:ring-indigo-400";
  return (
    <fieldset data-active={active} className={`${fieldClass} inline-flex items-center gap-0.5 px-1`}>
      <legend className="sr-only">Date range</legend>
      <label htmlFor="filter-from" className="sr-only">
        From date
      </label>
      <input id="filter-from" type="date" name="from" defaultValue={from} className={input} />
      <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-500">
        –
      </span>
      <label htmlFor="filter-to" className="sr-only">
        To date
      </label>
      <input id="filter-to" type="date" name="to" defaultValue={to} className={input} />
    </fieldset>
  );
}

/** The URL a filter form describes: empty values dropped, the viewer's zone added to dates. */
function formUrl(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "" && key !== "tz") params.set(key, value.trim());
  }
  if (params.has("from") || params.has("to")) params.set("tz", Intl.DateTimeFormat().resolvedOptions().timeZone);
  const query = params.toString();
  return query ? `/activity?${query}` : "/activity";
}

/**
 * Search box and filter controls: a plain GET form (works without JavaScript through its Apply
 * button), which JavaScript turns into instant URL updates. The page reads everything from the URL.
 */
export function TimelineToolbar({
  values,
  inboxes,
  serverTz,
  clearHref,
  hasFilters,
  filtersKey,
}: {
  values: ToolbarValues;
  /** Changes whenever the URL's filters change: the (uncontrolled) controls then start afresh. */
  filtersKey: string;
  inboxes: { id: number; name: string | null; number: string | null }[];
  serverTz: string;
  clearHref: string;
  hasFilters: boolean;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [pending, startTransition] = useTransition();
  const [query, setQuery] = useState(values.q);

  // Back/forward or a link changed the URL: show what it says (never while the person is typing).
  useEffect(() => {
    if (document.activeElement !== searchRef.current) setQuery(values.q);
  }, [values.q]);

  function navigate(replace = false) {
    if (debounce.current) clearTimeout(debounce.current);
    const form = formRef.current;
    if (!form) return;
    const url = formUrl(form);
    startTransition(() => (replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
  }

  return (
    <form
      ref={formRef}
      role="search"
      aria-label="Search and filter activity"
      action="/activity"
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        navigate();
      }}
      onChange={(event) => {
        if ((event.target as EventTarget) === searchRef.current) return;
        navigate();
      }}
      className="space-y-3"
    >
      {values.kind ? <input type="hidden" name="kind" value={values.kind} /> : null}
      {values.contact ? <input type="hidden" name="contact" value={values.contact} /> : null}
      {values.conversation ? <input type="hidden" name="conversation" value={values.conversation} /> : null}
      <input type="hidden" name="tz" value={serverTz} />

      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400 dark:text-zinc-500" />
        <label htmlFor={TIMELINE_SEARCH_INPUT_ID} className="sr-only">
          Search activity
        </label>
        <input
          ref={searchRef}
          id={TIMELINE_SEARCH_INPUT_ID}
          type="search"
          name="q"
          value={query}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="/"
          placeholder="Search messages, summaries, transcripts, names, numbers…"
          onChange={(event) => {
            setQuery(event.target.value);
            if (debounce.current) clearTimeout(debounce.current);
            debounce.current = setTimeout(() => navigate(true), 350);
          }}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            if (query) {
              setQuery("");
              if (searchRef.current) searchRef.current.value = "";
              navigate(true);
            } else {
              searchRef.current?.blur();
            }
          }}
          className="h-10 w-full rounded-lg border-0 bg-white pr-16 pl-9 text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:bg-white/5 dark:text-white dark:ring-white/10 dark:placeholder:text-zinc-500 dark:focus:ring-indigo-400 [&::-webkit-search-cancel-button]:hidden"
        />
        <span className="pointer-events-none absolute top-1/2 right-3 flex -translate-y-1/2 items-center gap-2">
          {pending ? (
            <span role="status" className="size-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600 dark:border-white/20 dark:border-t-indigo-400">
              <span className="sr-only">Updating</span>
            </span>
          ) : null}
          <kbd className="hidden rounded border border-zinc-200 bg-zinc-50 px-1.5 font-sans text-[11px] text-zinc-500 sm:inline dark:border-white/10 dark:bg-white/5 dark:text-zinc-400">
            /
          </kbd>
        </span>
      </div>

      <div key={filtersKey} className="-mx-4 flex items-center gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:overflow-visible sm:px-0 sm:pb-0">
        <Select label="Inbox" name="inbox" value={values.inbox}>
          <option value="">All inboxes</option>
          {inboxes.map((inbox) => (
            <option key={inbox.id} value={String(inbox.id)}>
              {inbox.name ?? (inbox.number ? formatPhoneNumber(inbox.number) : `Number ${inbox.id}`)}
            </option>
          ))}
        </Select>
        <Select label="Direction" name="direction" value={values.direction}>
          <option value="">Any direction</option>
          <option value="incoming">Incoming</option>
          <option value="outgoing">Outgoing</option>
        </Select>
        <Select label="Status" name="status" value={values.status}>
          <option value="">Any status</option>
          <optgroup label="Calls">
            {FILTER_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {CALL_OUTCOMES[outcome].label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Messages">
            {FILTER_MESSAGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {MESSAGE_STATUSES[status].label}
              </option>
            ))}
          </optgroup>
        </Select>
        <Toggle label="Recording" name="recording" checked={values.recording} />
        <Toggle label="Media" name="media" checked={values.media} />
        <DateRange from={values.from} to={values.to} />
        <noscript>
          <button type="submit" className={`${fieldClass} font-medium`}>
            Apply
          </button>
        </noscript>
        {hasFilters ? (
          <a
            href={clearHref}
            onClick={(event) => {
              event.preventDefault();
              startTransition(() => router.push(clearHref, { scroll: false }));
            }}
            className="inline-flex h-8 shrink-0 items-center gap-1 rounded-md px-2 text-[13px] font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white"
          >
            <XIcon className="size-3.5" />
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}
