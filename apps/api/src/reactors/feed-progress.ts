import { Position } from '@helpdesk/event-store';

/** How far a reactor has handled the global feed, and a way to wait until it gets somewhere. */
export class FeedProgress {
  position: Position | null = null;
  private readonly listeners = new Set<(p: Position) => void>();

  /** Everything up to `position` is handled (its checkpoint stored). */
  reached(position: Position): void {
    this.position = position;
    for (const listener of this.listeners) listener(position);
  }

  /** Resolves once `position` is handled (false after the timeout). */
  waitFor(position: Position, timeoutMs = 10_000): Promise<boolean> {
    if (this.position !== null && this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (reached: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(reached);
      };
      const listener = (p: Position) => p >= position && done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(listener);
    });
  }
}
