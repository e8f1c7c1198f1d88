import type { EngineContext } from '../engine/AnalyticsEngine.js';

/** Random-forest success probability for a skill invocation. */
export class SkillSuccessPredictor {
  constructor(private readonly ctx: () => EngineContext) {}
}
