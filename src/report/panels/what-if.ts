/** The what-if form: skill, phase and session → the predicted completion probability and why. */
import type { FeatureExplanation } from '../../predictive/types.js';
import { el, formatError, labelledSelect } from '../dom.js';
import { formatPercent, formatUtc } from '../format.js';
import type { PanelContext } from './context.js';
import { contributionChart } from './predictor-charts.js';

/** Phases the model knows (anything else is encoded as "other"). */
export const PHASES = ['', 'planning', 'setup', 'execution', 'verification'];

/**
 * @param ctx the panel context
 * @param skills skill names for the selector (most used first)
 * @returns the form (its answer appears inside it)
 */
export function whatIfForm(ctx: PanelContext, skills: string[]): HTMLElement {
  const skill = labelledSelect(
    'whatif-skill',
    'Skill',
    skills.map((s) => ({ value: s, text: s })),
  );
  const phase = labelledSelect(
    'whatif-phase',
    'Workflow phase',
    PHASES.map((p) => ({ value: p, text: p || '(none)' })),
    'execution',
  );
  const session = el('input', { id: 'whatif-session', type: 'text', placeholder: 'optional, e.g. a session id from the file', autocomplete: 'off', spellcheck: 'false' });
  const out = el('div', { class: 'whatif-out', role: 'status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'planner', id: 'whatif', 'aria-labelledby': 'whatif-h' },
    el('h3', { id: 'whatif-h' }, 'What if: how likely is an invocation to complete?'),
    el('p', { class: 'note' }, `The invocation is placed at the file’s latest time (${formatUtc(ctx.info.asOf, true)}); its features come from the invocations before it.`),
    el('div', { class: 'form-grid' }, skill.wrap, phase.wrap, el('label', { class: 'field', for: 'whatif-session' }, 'Session ', session)),
    el('button', { type: 'submit', id: 'whatif-submit' }, 'Predict'),
    out,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const args = [skill.select.value, null, phase.select.value || null, { sessionId: session.value.trim() || null }] as const;
    out.setAttribute('aria-busy', 'true');
    try {
      const x: FeatureExplanation = await ctx.analytics.predictor.getFeatureExplanation(...args);
      if (!ctx.isCurrent()) return;
      out.replaceChildren(
        el(
          'p',
          {},
          'Probability of completing: ',
          el('span', { class: 'probability', 'data-field': 'probability', 'data-value': String(x.probability) }, formatPercent(x.probability)),
          x.spread
            ? el(
                'span',
                { class: 'spread', 'data-field': 'probability-spread' },
                ` (the model’s trees range ${formatPercent(x.spread.low)}–${formatPercent(x.spread.high)}, 10th–90th percentile)`,
              )
            : '',
          `; before calibration ${formatPercent(x.rawProbability)}${x.scale === 'probability' ? `, base rate ${formatPercent(x.bias)}` : ''}.`,
        ),
        contributionChart(x),
      );
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error' }, formatError(e, 'Cannot predict')));
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
  return form;
}
