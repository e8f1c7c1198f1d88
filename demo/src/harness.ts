/** Exposes the page API on `window` for test suites: `await window.analyticsReady`. */
import { createAnalytics, isAnalyticsError } from '../../src/client/index.js';

declare global {
  interface Window {
    analyticsReady: ReturnType<typeof createAnalytics>;
    createAnalytics: typeof createAnalytics;
    isAnalyticsError: typeof isAnalyticsError;
  }
}

window.createAnalytics = createAnalytics;
window.isAnalyticsError = isAnalyticsError;
window.analyticsReady = createAnalytics();
window.analyticsReady.then(() => {
  document.getElementById('status')!.textContent = 'ready';
});
