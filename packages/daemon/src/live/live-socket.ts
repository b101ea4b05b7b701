/** The part of a `ws` WebSocket the live hub uses; tests hand it fakes. */
export interface LiveSocket {
  /** Bytes sent but not yet taken by the network. */
  readonly bufferedAmount: number;
  send(text: string): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
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
