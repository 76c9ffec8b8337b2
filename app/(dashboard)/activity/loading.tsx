import { TimelineSkeleton } from "@/components/timeline/timeline-skeleton";

export default function Loading() {
  return <TimelineSkeleton />;
}
