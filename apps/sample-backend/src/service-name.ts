/** The backend's segment name (unless AWS_XRAY_TRACING_NAME replaces it). */
export const SERVICE_NAME = "sample-backend";
