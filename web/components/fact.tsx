// One term and its value in a <dl class="facts">.
import type { Child } from 'hono/jsx';

/** A labelled fact for a <dl class="facts">. */
export function Fact({ term, children, wide }: { term: string; children?: Child; wide?: boolean }) {
  return (
    <div class={wide ? 'wide' : undefined}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
