import type { EngineContext } from '../engine/AnalyticsEngine.js';

/** A/B tests stored in the skills.db, session-buddy compatible. */
export class ABTestFramework {
  constructor(private readonly ctx: () => EngineContext) {}
}
