export const DEFAULT_PORT = 4567;
export const DEFAULT_HOST = "127.0.0.1";

export interface BackendConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The notifications service's port; 0 (the default) picks a free one. */
  readonly downstreamPort: number;
  /** A notifications service already running: the backend calls it instead of starting one. */
  readonly notificationsUrl?: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: BackendConfig }
  | { readonly ok: false; readonly message: string };

/** `PORT`, `DOWNSTREAM_PORT`, `HOST`, `NOTIFICATIONS_URL` from the environment. */
export function readBackendConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const port = readPort(env, "PORT", DEFAULT_PORT);
  if (!port.ok) return port;
  const downstreamPort = readPort(env, "DOWNSTREAM_PORT", 0);
  if (!downstreamPort.ok) return downstreamPort;
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const config = { host, port: port.value, downstreamPort: downstreamPort.value };
  const notificationsUrl = env.NOTIFICATIONS_URL?.trim();
  if (notificationsUrl === undefined || notificationsUrl === "") return { ok: true, config };
  if (!/^https?:\/\/[^/]/.test(notificationsUrl) || !URL.canParse(notificationsUrl)) {
    return {
      ok: false,
      message: `NOTIFICATIONS_URL=${JSON.stringify(notificationsUrl)} is not an http:// or https:// URL`,
    };
  }
  return {
    ok: true,
    config: { ...config, notificationsUrl: notificationsUrl.replace(/\/+$/, "") },
  };
}

/** A port from the environment: digits only, 0-65535. */
export function readPort(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
): { ok: true; value: number } | { ok: false; message: string } {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return { ok: true, value: fallback };
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65_535) {
    return { ok: false, message: `${name}=${JSON.stringify(text)} is not a port (0-65535)` };
  }
  return { ok: true, value };
}
