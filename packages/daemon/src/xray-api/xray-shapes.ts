/** X-Ray API response shapes the daemon builds itself (field names as in `@aws-sdk/client-xray`). */

import type { EpochSeconds, ResponseTimeRootCause, RootCause } from "@xray-sandbox/segments";

export interface XRayServiceId {
  readonly Name: string;
  readonly Names: readonly string[];
  readonly Type: string;
}

/** Exactly one member is set. */
export type XRayAnnotationValue =
  | { readonly StringValue: string }
  | { readonly NumberValue: number }
  | { readonly BooleanValue: boolean };

export interface XRayValueWithServiceIds {
  readonly AnnotationValue: XRayAnnotationValue;
  readonly ServiceIds: readonly XRayServiceId[];
}

export interface XRayHttp {
  readonly HttpURL?: string;
  readonly HttpStatus?: number;
  readonly HttpMethod?: string;
  readonly UserAgent?: string;
  readonly ClientIp?: string;
}

export interface XRayTraceSummary {
  readonly Id: string;
  readonly StartTime: EpochSeconds;
  readonly Duration?: number;
  readonly ResponseTime?: number;
  readonly HasFault: boolean;
  readonly HasError: boolean;
  readonly HasThrottle: boolean;
  readonly IsPartial: boolean;
  readonly Http?: XRayHttp;
  readonly Annotations: Readonly<Record<string, readonly XRayValueWithServiceIds[]>>;
  readonly Users: readonly {
    readonly UserName: string;
    readonly ServiceIds: readonly XRayServiceId[];
  }[];
  readonly ServiceIds: readonly XRayServiceId[];
  readonly ResourceARNs: readonly { readonly ARN: string }[];
  readonly InstanceIds: readonly { readonly Id: string }[];
  readonly AvailabilityZones: readonly { readonly Name: string }[];
  readonly EntryPoint?: XRayServiceId;
  readonly FaultRootCauses: readonly RootCause[];
  readonly ErrorRootCauses: readonly RootCause[];
  readonly ResponseTimeRootCauses: readonly ResponseTimeRootCause[];
  readonly Revision: number;
}
