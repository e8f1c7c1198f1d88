/**
 * comlink transfer handlers, registered by both the worker and the client (and by tests over a
 * MessageChannel):
 * - errors: comlink carries only name, message and stack of a thrown error; ours also carries
 *   `code` and `details`, and rebuilds an AnalyticsError on the other side;
 * - option objects with callbacks (`{ onProgress }`): comlink proxies only top-level functions, so
 *   function-valued fields of a plain object cross as comlink proxies.
 */
import * as Comlink from 'comlink';
import { AnalyticsError, type ErrorCode, isAnalyticsError } from '../engine/errors.js';

interface SerializedThrow {
  isError: boolean;
  value: unknown;
}

let registered = false;

/** Installs the transfer handlers (idempotent). */
export function registerTransferHandlers(): void {
  if (registered) return;
  const original = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<unknown, SerializedThrow>;
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize(thrown: unknown) {
      const value = (thrown as { value: unknown }).value;
      if (value instanceof Error) {
        const analytics = isAnalyticsError(value);
        return [
          {
            isError: true,
            value: {
              name: 'AnalyticsError',
              message: value.message,
              stack: value.stack,
              code: analytics ? value.code : 'INTERNAL',
              details: analytics ? value.details : undefined,
            },
          },
          [],
        ];
      }
      return original.serialize(thrown);
    },
    deserialize(serialized: SerializedThrow) {
      const v = serialized.value as { code?: ErrorCode; message?: string; details?: Record<string, unknown>; stack?: string } | undefined;
      if (serialized.isError && v && typeof v.code === 'string') {
        const err = new AnalyticsError(v.code, v.message ?? 'error', v.details);
        if (v.stack) err.stack = v.stack;
        throw err;
      }
      return original.deserialize(serialized);
    },
  } as Comlink.TransferHandler<unknown, SerializedThrow>);
  Comlink.transferHandlers.set('callbacks', callbacksHandler);
  registered = true;
}

interface SerializedCallbacks {
  fields: Record<string, unknown>;
  ports: Record<string, MessagePort>;
}

function isPlainObjectWithFunctions(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).some((x) => typeof x === 'function');
}

const callbacksHandler: Comlink.TransferHandler<Record<string, unknown>, SerializedCallbacks> = {
  canHandle: isPlainObjectWithFunctions,
  serialize(obj) {
    const proxy = Comlink.transferHandlers.get('proxy') as Comlink.TransferHandler<unknown, MessagePort>;
    const fields: Record<string, unknown> = {};
    const ports: Record<string, MessagePort> = {};
    const transfers: Transferable[] = [];
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'function') {
        const [port, t] = proxy.serialize(v);
        ports[k] = port;
        transfers.push(...t);
      } else fields[k] = v;
    }
    return [{ fields, ports }, transfers];
  },
  deserialize({ fields, ports }) {
    const proxy = Comlink.transferHandlers.get('proxy') as Comlink.TransferHandler<unknown, MessagePort>;
    const out: Record<string, unknown> = { ...fields };
    for (const [k, port] of Object.entries(ports)) out[k] = proxy.deserialize(port);
    return out;
  },
};
