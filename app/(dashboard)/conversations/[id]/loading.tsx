import { ThreadSkeleton } from "@/components/conversation-skeletons";

export default function Loading() {
  return <ThreadSkeleton />;
}
