import type { StoredDocument } from "./trace.ts";

/**
 * A trace's documents by id, a later one replacing the earlier with the same id. Most traces
 * a store holds have one document (a whole segment in one datagram), and a `Map` costs about
 * 200 bytes of heap before its first entry: the first document is held in two fields, and a
 * `Map` is made only for a second id.
 */
export class TraceDocuments {
  #firstId: string | undefined;
  #first: StoredDocument | undefined;
  #more: Map<string, StoredDocument> | undefined;

  get size(): number {
    return this.#more !== undefined ? this.#more.size : this.#first === undefined ? 0 : 1;
  }

  get(id: string): StoredDocument | undefined {
    if (this.#more !== undefined) return this.#more.get(id);
    return id === this.#firstId ? this.#first : undefined;
  }

  set(id: string, document: StoredDocument): void {
    if (this.#more !== undefined) {
      this.#more.set(id, document);
    } else if (this.#first === undefined || id === this.#firstId) {
      this.#firstId = id;
      this.#first = document;
    } else {
      this.#more = new Map([[this.#firstId as string, this.#first]]);
      this.#more.set(id, document);
      this.#firstId = undefined;
      this.#first = undefined;
    }
  }

  /** In the order their ids were first stored. */
  values(): StoredDocument[] {
    if (this.#more !== undefined) return [...this.#more.values()];
    return this.#first === undefined ? [] : [this.#first];
  }
}
