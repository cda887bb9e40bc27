/** A staff member as the directory names them. */
export interface Person {
  name: string;
  role: string;
}

export type Directory = Record<string, Person>;

/**
 * Staff names by id for one session, read from `GET /directory` once, and again when a screen
 * meets an id it does not know (someone rostered since): at most one read at a time, and at most
 * one refresh per unknown id, so an id nobody knows (an old account, a system actor) costs one
 * request in a session, never one per row or per render. Until it is known, an id stands for itself.
 */
export class NamesStore {
  private people: Directory = {};
  private readonly listeners = new Set<() => void>();
  private readonly asked = new Set<string>();
  private reading: Promise<void> | null = null;
  private started = false;
  private refused = false;
  /** Grows with every change of the names: a screen that subscribed late can tell it missed one. */
  version = 0;

  /** `read` answers the directory; null: this session has none to read (customers). */
  constructor(private readonly read: (() => Promise<Directory>) | null) {}

  /** The person's name, or the id itself while it is not known. */
  nameOf(id: string): string {
    const known = this.people[id];
    if (known) return known.name;
    this.missed(id);
    return id;
  }

  /** Whether the directory holds `id` (without asking for it). */
  knows(id: string): boolean {
    return id in this.people;
  }

  /** Reads the directory unless it has been read (or is being read). */
  load(): Promise<void> {
    if (!this.started) {
      this.started = true;
      return this.refresh();
    }
    return this.reading ?? Promise.resolve();
  }

  /** Calls `listener` whenever names change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private missed(id: string): void {
    if (!this.read || this.refused || !id) return;
    if (!this.started) {
      void this.load();
      return;
    }
    if (this.asked.has(id)) return;
    this.asked.add(id);
    // After the read in flight, once more: it may have been sent before this id existed.
    void (this.reading ?? Promise.resolve()).then(() => (this.knows(id) ? undefined : this.refresh()));
  }

  private refresh(): Promise<void> {
    if (!this.read || this.refused) return Promise.resolve();
    if (this.reading) return this.reading;
    this.reading = this.read()
      .then((people) => {
        this.people = people;
        this.version++;
        for (const listener of [...this.listeners]) listener();
      })
      .catch((error: unknown) => {
        // Not allowed (a role without the directory): names stay ids for the session.
        if ((error as { status?: number }).status === 403) this.refused = true;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}
