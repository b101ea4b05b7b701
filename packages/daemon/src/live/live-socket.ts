/** The part of a `ws` WebSocket the live hub uses; tests hand it fakes. */
export interface LiveSocket {
  /** Bytes sent but not yet taken by the network. */
  readonly bufferedAmount: number;
  /**
   * Sends a text message, or one part of one: a Buffer goes as text with `binary: false`,
   * and parts before the last have `fin: false` (WebSocket fragments of one message).
   */
  send(data: string | Buffer, options?: LiveSendOptions): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface LiveSendOptions {
  readonly binary?: boolean;
  readonly fin?: boolean;
}

/**
 * Sends `parts` as one text message, a fragment each, in order: a part shared by many
 * clients (a Buffer) is queued for each of them as it is, never copied or re-encoded.
 */
export function sendTextParts(socket: LiveSocket, parts: readonly (string | Buffer)[]): void {
  const last = parts.length - 1;
  for (const [index, part] of parts.entries()) {
    socket.send(part, { binary: false, fin: index === last });
  }
}

/** What the endpoint tells the hub about one connection. */
export interface LiveConnection {
  /** A message arrived: its text, or undefined for a binary frame. */
  received(text: string | undefined): void;
  /** A pong arrived. */
  alive(): void;
  /** The socket closed, for whatever reason. */
  closed(): void;
}

/** WebSocket close codes the hub uses (RFC 6455). */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY_VIOLATION = 1008;
