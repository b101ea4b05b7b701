/**
 * A forked helper process spoken to over IPC, one request at a time. It inherits this
 * process's `execArgv`, so under `tsx` the child can be a `.ts` module too.
 */

import { type ChildProcess, fork } from "node:child_process";

interface Waiter<M> {
  resolve(message: M): void;
  reject(error: Error): void;
}

export class ForkedChild<Command, Message extends { readonly type: string }> {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #inbox: Message[] = [];
  #waiter: Waiter<Message> | undefined;
  #gone: Error | undefined;
  readonly #exited: Promise<void>;

  constructor(name: string, modulePath: string) {
    this.name = name;
    this.#child = fork(modulePath, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.#exited = new Promise((resolve) => this.#child.once("exit", () => resolve()));
    this.#child.on("message", (message: Message) => {
      const waiter = this.#waiter;
      if (waiter === undefined) {
        this.#inbox.push(message);
        return;
      }
      this.#waiter = undefined;
      this.#deliver(message, waiter);
    });
    this.#child.once("exit", (code, signal) =>
      this.#fail(`${name} exited (${signal ?? `code ${code}`})`),
    );
    this.#child.once("error", (error) => this.#fail(`${name}: ${error.message}`));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The child's next message; a `failed` message or the child's exit rejects. */
  next(timeoutMs: number): Promise<Message> {
    const queued = this.#inbox.shift();
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new Error(`${this.name} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter<Message> = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (queued !== undefined) this.#deliver(queued, waiter);
      else if (this.#gone !== undefined) waiter.reject(this.#gone);
      else this.#waiter = waiter;
    });
  }

  request(command: Command, timeoutMs: number): Promise<Message> {
    if (this.#gone !== undefined) return Promise.reject(this.#gone);
    this.#child.send(command as object);
    return this.next(timeoutMs);
  }

  /** Ends the child and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill("SIGTERM");
      await this.#exited;
    }
  }

  /** Synchronous last resort, for `process.on("exit")`. */
  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill("SIGKILL");
  }

  #deliver(message: Message, waiter: Waiter<Message>): void {
    if (message.type === "failed") {
      const detail = (message as { readonly message?: unknown }).message;
      waiter.reject(new Error(`${this.name}: ${String(detail)}`));
    } else {
      waiter.resolve(message);
    }
  }

  #fail(reason: string): void {
    this.#gone ??= new Error(reason);
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(this.#gone);
  }
}
