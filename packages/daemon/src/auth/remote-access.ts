/**
 * Who may reach the HTTP port. On loopback (the default) only this machine; anywhere else,
 * only when asked for in so many words, and then with a token unless the user says the
 * network in front of it is private (a container whose port is published on loopback only).
 */

import { InvalidConfigError } from "../errors.ts";
import { isLoopbackName, normalizeHostname } from "../http/host-names.ts";

export interface RemoteAccessSettings {
  /** The HTTP bind host. */
  readonly tcpHost: string;
  readonly allowRemote: boolean;
  readonly allowRemoteWithoutToken: boolean;
  readonly authToken: string | undefined;
}

/** How the settings are named where the user wrote them: flags, or `startDaemon` options. */
export interface RemoteAccessNames {
  readonly tcp: string;
  readonly allowRemote: string;
  readonly allowRemoteWithoutToken: string;
}

export const CLI_NAMES: RemoteAccessNames = {
  tcp: "--bind-tcp",
  allowRemote: "--allow-remote",
  allowRemoteWithoutToken: "--allow-remote-without-token",
};

export const OPTION_NAMES: RemoteAccessNames = {
  tcp: "tcp",
  allowRemote: "allowRemote",
  allowRemoteWithoutToken: "allowRemoteWithoutToken",
};

const TOKEN_SOURCES = "--auth-token-file FILE, XRAY_SANDBOX_AUTH_TOKEN or --auth-token TOKEN";

/** `localhost`, 127.0.0.0/8 and ::1: what only this machine reaches. */
export function isLoopbackBind(host: string): boolean {
  const name = normalizeHostname(host);
  return name !== undefined && isLoopbackName(name);
}

/** Undefined when the settings go together; else what is missing, naming the flags to add. */
export function checkRemoteAccess(
  settings: RemoteAccessSettings,
  names: RemoteAccessNames,
): InvalidConfigError | undefined {
  if (settings.allowRemote && settings.allowRemoteWithoutToken) {
    return new InvalidConfigError(
      names.allowRemoteWithoutToken,
      `give ${names.allowRemote} (a token is required) or ${names.allowRemoteWithoutToken} (none is), not both`,
    );
  }
  if (isLoopbackBind(settings.tcpHost)) return undefined;
  if (settings.allowRemoteWithoutToken) return undefined;
  if (!settings.allowRemote) {
    return new InvalidConfigError(
      names.tcp,
      `${settings.tcpHost} lets other machines reach the sandbox's traces and API; ` +
        `to share it, add ${names.allowRemote} and a token (${TOKEN_SOURCES}). ` +
        `Inside a container whose port is published on the host's loopback only, ` +
        `${names.allowRemoteWithoutToken} says so. To keep it on this machine, bind 127.0.0.1.`,
    );
  }
  if (settings.authToken === undefined) {
    return new InvalidConfigError(
      names.allowRemote,
      `sharing the sandbox needs a token that every API call, live stream and viewer sign-in must present: give one with ${TOKEN_SOURCES} (e.g. openssl rand -hex 32 > token && chmod 600 token)`,
    );
  }
  return undefined;
}
