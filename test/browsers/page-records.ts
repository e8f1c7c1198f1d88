/**
 * What the Chromium and Firefox drivers record of their page: every request, the refused ones to
 * non-local hosts (the offline guard), uncaught errors and console lines.
 */
const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export function pageRecords() {
  const log: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];
  const lines: string[] = [];
  return {
    /** Records a request; true when it goes to a non-local host (the driver then refuses it). */
    request(href: string): boolean {
      const url = new URL(href);
      if (!/^(https?|wss?):$/.test(url.protocol)) return false;
      log.push(url.href);
      if (LOCAL.test(url.hostname)) return false;
      foreign.push(url.href);
      return true;
    },
    error: (text: string) => void errors.push(text),
    console: (text: string) => void lines.push(text),
    /** The session's accessors. */
    read: {
      pageErrors: async () => [...errors],
      consoleLines: async () => [...lines],
      foreignRequests: () => [...foreign],
      requestLog: () => [...log],
    },
  };
}
