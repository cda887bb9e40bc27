import { Injectable } from '@nestjs/common';

/** Set once a SIGTERM (or app.close) begins: readiness fails at once, so load balancers stop sending. */
@Injectable()
export class ShutdownState {
  draining = false;
}
