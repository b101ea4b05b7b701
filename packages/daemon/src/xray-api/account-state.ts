/**
 * The account-level settings the X-Ray API keeps beside traces, groups and sampling rules:
 * encryption, the indexing rule, the trace segment destination, resource tags, resource
 * policies and trace retrievals. They are answered back as X-Ray would (with a data dir,
 * encryption, the indexing rule, the destination and tags are also saved there);
 * none of them changes what the sandbox stores or shows (nothing is encrypted, no policy is
 * enforced, every destination keeps traces here). Every collection is bounded.
 */

import type { EpochSeconds } from "@xray-sandbox/segments";

export type EncryptionType = "NONE" | "KMS";
export type TraceSegmentDestination = "XRay" | "CloudWatchLogs";
export type TraceFormat = "XRAY" | "OTEL";

export interface EncryptionConfig {
  readonly KeyId?: string;
  readonly Status: "ACTIVE";
  readonly Type: EncryptionType;
}

export interface IndexingRule {
  readonly Name: string;
  readonly ModifiedAt: EpochSeconds;
  readonly Rule: {
    readonly Probabilistic: {
      readonly DesiredSamplingPercentage: number;
      readonly ActualSamplingPercentage: number;
    };
  };
}

export interface ResourcePolicy {
  readonly PolicyName: string;
  readonly PolicyDocument: string;
  readonly PolicyRevisionId: string;
  readonly LastUpdatedTime: EpochSeconds;
}

export interface TraceRetrieval {
  readonly token: string;
  readonly traceIds: readonly string[];
  readonly start: EpochSeconds;
  readonly end: EpochSeconds;
  cancelled: boolean;
}

/** The settings kept in the data dir's `account-settings.json` (see `account-settings-file.ts`). */
export interface AccountSettings {
  readonly encryption: EncryptionConfig;
  readonly indexingRule: IndexingRule;
  readonly destination: TraceSegmentDestination;
}

/** X-Ray's documented quotas, kept here too so code meets the same refusals locally. */
export const ACCOUNT_BOUNDS = Object.freeze({
  /** Tags on one group or sampling rule. */
  maxTagsPerResource: 50,
  /** Resource policies per account. */
  maxResourcePolicies: 5,
  /** Bytes of one policy document. */
  maxPolicyBytes: 5_120,
  /** Retrievals remembered; the oldest is forgotten past this. */
  maxRetrievals: 100,
});

export const DEFAULT_INDEXING_RULE = "Default";
/** KMS key ids, ARNs and aliases: X-Ray accepts up to 3000 characters. */
export const MAX_KEY_ID_LENGTH = 3000;
/** X-Ray indexes 1 % of spans as trace summaries by default (Transaction Search). */
const DEFAULT_INDEXING_PERCENTAGE = 1;

export class XRayAccountState {
  encryption: EncryptionConfig = { Status: "ACTIVE", Type: "NONE" };
  destination: TraceSegmentDestination = "XRay";
  indexingRule: IndexingRule;
  /** Resource ARN → tag key → value, keys in insertion order. */
  readonly tags = new Map<string, Map<string, string>>();
  /** Policy name → policy, in creation order. */
  readonly policies = new Map<string, ResourcePolicy>();
  /** Token → retrieval, oldest first. */
  readonly retrievals = new Map<string, TraceRetrieval>();
  readonly #tagListeners = new Set<
    (tags: ReadonlyMap<string, ReadonlyMap<string, string>>) => void
  >();
  readonly #settingsListeners = new Set<(settings: AccountSettings) => void>();
  #revision = 0;
  #retrieval = 0;

  constructor(now: EpochSeconds) {
    this.indexingRule = indexingRule(DEFAULT_INDEXING_PERCENTAGE, now);
  }

  /** Called with every resource's tags after each change to them. */
  onTagsChanged(
    listener: (tags: ReadonlyMap<string, ReadonlyMap<string, string>>) => void,
  ): () => void {
    this.#tagListeners.add(listener);
    return () => {
      this.#tagListeners.delete(listener);
    };
  }

  /** Tells the listeners that `tags` changed. */
  tagsChanged(): void {
    for (const listener of this.#tagListeners) listener(this.tags);
  }

  setIndexingPercentage(percentage: number, now: EpochSeconds): IndexingRule {
    this.indexingRule = indexingRule(percentage, now);
    this.#settingsChanged();
    return this.indexingRule;
  }

  setEncryption(config: EncryptionConfig): void {
    this.encryption = config;
    this.#settingsChanged();
  }

  setDestination(destination: TraceSegmentDestination): void {
    this.destination = destination;
    this.#settingsChanged();
  }

  settings(): AccountSettings {
    return {
      encryption: this.encryption,
      indexingRule: this.indexingRule,
      destination: this.destination,
    };
  }

  /** Puts back settings read from the data dir; listeners are not told (nothing changed). */
  restoreSettings(saved: Partial<AccountSettings>): void {
    if (saved.encryption !== undefined) this.encryption = saved.encryption;
    if (saved.indexingRule !== undefined) this.indexingRule = saved.indexingRule;
    if (saved.destination !== undefined) this.destination = saved.destination;
  }

  /** Called with the settings after each change to encryption, indexing or destination. */
  onSettingsChanged(listener: (settings: AccountSettings) => void): () => void {
    this.#settingsListeners.add(listener);
    return () => {
      this.#settingsListeners.delete(listener);
    };
  }

  #settingsChanged(): void {
    const settings = this.settings();
    for (const listener of this.#settingsListeners) listener(settings);
  }

  nextRevisionId(): string {
    this.#revision += 1;
    return String(this.#revision);
  }

  addRetrieval(traceIds: readonly string[], start: EpochSeconds, end: EpochSeconds): string {
    this.#retrieval += 1;
    const token = `retrieval-${this.#retrieval.toString(16).padStart(8, "0")}`;
    this.retrievals.set(token, { token, traceIds, start, end, cancelled: false });
    for (const oldest of this.retrievals.keys()) {
      if (this.retrievals.size <= ACCOUNT_BOUNDS.maxRetrievals) break;
      this.retrievals.delete(oldest);
    }
    return token;
  }
}

/**
 * The sandbox keeps every trace it receives, so the share it actually indexes is always all
 * of them, whatever is asked for.
 */
export function indexingRule(percentage: number, now: EpochSeconds): IndexingRule {
  return {
    Name: DEFAULT_INDEXING_RULE,
    ModifiedAt: now,
    Rule: {
      Probabilistic: { DesiredSamplingPercentage: percentage, ActualSamplingPercentage: 100 },
    },
  };
}
