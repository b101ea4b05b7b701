/**
 * Groups in the shape of X-Ray's `Group` (a name for a filter expression), as `POST /Groups`
 * and the other group operations answer with them. Types only.
 */

export interface InsightsConfiguration {
  readonly InsightsEnabled: boolean;
  readonly NotificationsEnabled: boolean;
}

export interface Group {
  readonly GroupName: string;
  /** `arn:aws:xray:local:000000000000:group/<name>/<id>`. */
  readonly GroupARN: string;
  /** Absent for `Default`, which holds every trace. */
  readonly FilterExpression?: string;
  readonly InsightsConfiguration: InsightsConfiguration;
}
