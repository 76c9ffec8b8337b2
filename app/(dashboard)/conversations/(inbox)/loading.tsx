import { InboxSkeleton } from "@/components/conversation-skeletons";

export default function Loading() {
  return <InboxSkeleton />;
}
