// Around a chart on an /embed/… page: the chart alone, and the way back to it on gongkai (a new
// tab: the host page stays where it is).
import { SITE_NAME } from "@/lib/embed";

export function EmbedFrame({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      {children}
      <p className="text-right text-xs">
        <a href={href} target="_blank" rel="noopener" data-testid="embed-origin">
          在 {SITE_NAME} 查看 →
        </a>
      </p>
    </div>
  );
}
