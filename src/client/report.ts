/**
 * `session-buddy-analytics/report`: the `<skills-report>` custom element (the whole report in one
 * element). Importing this module defines it; `defineSkillsReport('other-name')` defines it under
 * another tag name.
 * @example
 * import 'session-buddy-analytics/report';
 * document.body.insertAdjacentHTML('beforeend', '<skills-report src="skills.db"></skills-report>');
 */
export { SkillsReport, defineSkillsReport } from '../report/skills-report.js';
