/** The power planner: users needed per group to detect a change in completion rate (planTest). */
import { el, formatError, labelledNumber } from '../dom.js';
import { formatCount, formatPercent } from '../format.js';
import type { PanelContext } from './context.js';

/** Default inputs: a 72% baseline and a 3-point change, 5% level, 80% power, half the users to control. */
export const PLANNER_DEFAULTS = { baselineRate: 0.72, mde: 0.03, alpha: 0.05, power: 0.8, ratio: 0.5 };

/** The planner form; the answer appears below it (role=status). */
export function plannerForm(ctx: PanelContext): HTMLElement {
  const d = PLANNER_DEFAULTS;
  const baseline = labelledNumber('plan-baseline', 'Baseline completion rate', d.baselineRate, { min: '0.01', max: '0.99', required: '' });
  const mde = labelledNumber('plan-mde', 'Change to detect (absolute, e.g. 0.03 = 3 pp)', d.mde, { required: '' });
  const alpha = labelledNumber('plan-alpha', 'Significance level α', d.alpha, { min: '0.001', max: '0.5', required: '' });
  const power = labelledNumber('plan-power', 'Power', d.power, { min: '0.5', max: '0.99', required: '' });
  const ratio = labelledNumber('plan-ratio', 'Share of users in control', d.ratio, { min: '0.05', max: '0.95', required: '' });
  const out = el('div', { class: 'plan-out', role: 'status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'planner', id: 'planner', 'aria-labelledby': 'planner-h' },
    el('h3', { id: 'planner-h' }, 'Plan a test: how many users?'),
    el('div', { class: 'form-grid' }, baseline.wrap, mde.wrap, alpha.wrap, power.wrap, ratio.wrap),
    el('button', { type: 'submit', id: 'plan-submit' }, 'Compute sample size'),
    out,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const plan = await ctx.analytics.abTesting.planTest({
        baselineRate: baseline.input.valueAsNumber,
        mde: mde.input.valueAsNumber,
        alpha: alpha.input.valueAsNumber,
        power: power.input.valueAsNumber,
        ratio: ratio.input.valueAsNumber,
      });
      out.replaceChildren(
        el(
          'p',
          { class: 'plan-answer' },
          el('strong', { 'data-field': 'total-users', 'data-value': String(plan.totalUsers) }, `${formatCount(plan.totalUsers)} users`),
          ` in total: `,
          el('span', { 'data-field': 'control-users', 'data-value': String(plan.controlUsers) }, formatCount(plan.controlUsers)),
          ' control and ',
          el('span', { 'data-field': 'treatment-users', 'data-value': String(plan.treatmentUsers) }, formatCount(plan.treatmentUsers)),
          ' treatment, ',
          `to detect ${formatPercent(plan.baselineRate)} → ${formatPercent(plan.treatmentRate)} with ${formatPercent(plan.power, 0)} power at α = ${plan.alpha}.`,
        ),
        el('p', { class: 'note' }, plan.method),
      );
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error' }, formatError(e, 'Cannot plan this test')));
    }
  });
  return form;
}
