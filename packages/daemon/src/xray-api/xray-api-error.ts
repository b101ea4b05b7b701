import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The error types the X-Ray API answers with; AWS clients name their exceptions after them. */
export type XRayErrorType =
  | "InvalidRequestException"
  | "RuleLimitExceededException"
  | "ResourceNotFoundException"
  | "TooManyTagsException"
  | "InvalidPolicyRevisionIdException"
  | "MalformedPolicyDocumentException"
  | "PolicyCountLimitExceededException"
  | "PolicySizeLimitExceededException"
  | "UnknownOperationException"
  | "UnsupportedOperationException"
  | "InternalFailure";

/**
 * An error an X-Ray operation throws; answered the restJson1 way: `status`, the type in the
 * `x-amzn-errortype` header, and `{"message": ...}`.
 */
export class XRayApiError extends Error {
  override readonly name = "XRayApiError";
  readonly type: XRayErrorType;
  readonly status: ContentfulStatusCode;

  constructor(type: XRayErrorType, message: string, status: ContentfulStatusCode = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export function invalidRequest(message: string): XRayApiError {
  return new XRayApiError("InvalidRequestException", message);
}

export function resourceNotFound(message: string): XRayApiError {
  return new XRayApiError("ResourceNotFoundException", message, 404);
}
