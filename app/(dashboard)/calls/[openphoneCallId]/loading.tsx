import { CallSkeleton } from "@/components/conversation-skeletons";

export default function Loading() {
  return <CallSkeleton />;
}
