/** Who did something, as an event's metadata records it. */
export interface ActorRef {
  id: string;
  role: string;
}

/**
 * The name to show for an actor on a ticket: its customer by the name on the ticket (a customer
 * acts only on their own tickets), staff from the directory, the system as itself (its id).
 */
export function actorName(actor: ActorRef, nameOf: (id: string) => string, customerName: string): string {
  if (actor.role === 'customer') return customerName;
  if (actor.role === 'system') return actor.id;
  return nameOf(actor.id);
}
